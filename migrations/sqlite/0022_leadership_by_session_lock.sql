-- The scheduler's leadership is now a PostgreSQL session advisory lock (src/store/leadership.rs),
-- which ends with the leader's session; the table of leased terms is no longer read.
DROP TABLE leadership;
