-- The knowledge hub's articles as `/hub setup` published them from a course pack: the post
-- (a thread of the articles forum) and its messages in order, one per part of the body,
-- and a hash of what was published, so set-up edits a changed article in place and leaves
-- an unchanged one alone.
CREATE TABLE hub_articles (
    guild_id     BIGINT NOT NULL,
    course_id    TEXT   NOT NULL,
    article_id   TEXT   NOT NULL,
    forum_id     BIGINT NOT NULL,
    post_id      BIGINT NOT NULL,
    -- The post's message ids, one per line, first to last.
    message_ids  TEXT   NOT NULL,
    content_hash TEXT   NOT NULL,
    published_at BIGINT NOT NULL,
    PRIMARY KEY (guild_id, course_id, article_id)
);
