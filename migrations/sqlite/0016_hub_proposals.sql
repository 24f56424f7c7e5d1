-- Articles members propose with /hub propose. A facilitator approves one (it is then posted
-- in the articles forum under its author's name, and recorded in hub_articles with an empty
-- course_id and the article_id `proposal-<id>`, so /hub search finds it) or returns it
-- with a comment.
CREATE TABLE hub_proposals (
    id          INTEGER PRIMARY KEY,
    guild_id    BIGINT NOT NULL,
    author_id   BIGINT NOT NULL,
    title       TEXT   NOT NULL,
    body        TEXT   NOT NULL,
    -- The articles forum's tags chosen, one per line.
    tags        TEXT   NOT NULL,
    proposed_at BIGINT NOT NULL,
    -- pending, posting (a facilitator approved it and its post is being opened),
    -- published, returned.
    state       TEXT   NOT NULL,
    reviewer_id BIGINT,
    -- The facilitator's comment on a returned proposal.
    comment     TEXT,
    decided_at  BIGINT,
    post_id     BIGINT
);
CREATE INDEX hub_proposals_waiting ON hub_proposals (guild_id, state, id);
CREATE INDEX hub_proposals_by_author ON hub_proposals (author_id, guild_id);
