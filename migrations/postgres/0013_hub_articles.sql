-- The knowledge hub's articles as `/hub setup` published them from a course pack: the post
-- (a thread of the articles forum) and its messages in order, one per part of the body,
-- its title and body as published (for `/hub search`), and a hash of them, so set-up edits
-- a changed article in place and leaves an unchanged one alone.
CREATE TABLE hub_articles (
    guild_id     BIGINT NOT NULL,
    course_id    TEXT   NOT NULL,
    article_id   TEXT   NOT NULL,
    forum_id     BIGINT NOT NULL,
    post_id      BIGINT NOT NULL,
    -- The post's message ids, one per line, first to last.
    message_ids  TEXT   NOT NULL,
    title        TEXT   NOT NULL,
    body         TEXT   NOT NULL,
    content_hash TEXT   NOT NULL,
    published_at BIGINT NOT NULL,
    PRIMARY KEY (guild_id, course_id, article_id)
);

-- Full-text search over published articles (`/hub search`).
ALTER TABLE hub_articles ADD COLUMN search tsvector
    GENERATED ALWAYS AS (to_tsvector('english', title || ' ' || body)) STORED;
CREATE INDEX hub_articles_search ON hub_articles USING GIN (search);
