-- Interactions already taken on, by Discord's id: a gateway replay or a second instance that
-- sees the same interaction does nothing with it. Rows older than a day are pruned.
CREATE TABLE handled_interactions (
    interaction_id  BIGINT NOT NULL PRIMARY KEY,
    handled_at      BIGINT NOT NULL
);

CREATE INDEX handled_interactions_by_age ON handled_interactions (handled_at);
