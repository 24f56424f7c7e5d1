-- Interactions are claimed in memory on SQLite, whose file belongs to one process
-- (src/store/interactions.rs); PostgreSQL keeps its table, shared by several instances.
DROP TABLE handled_interactions;
