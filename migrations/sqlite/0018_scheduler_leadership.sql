-- Which instance sends scheduled deliveries when several share the database. The holder
-- renews its term while it runs; once the term has passed without renewal, another instance
-- takes the row over. One row per role (today only 'scheduler').
CREATE TABLE leadership (
    role        TEXT   PRIMARY KEY,
    holder      TEXT   NOT NULL,
    expires_at  BIGINT NOT NULL
);
