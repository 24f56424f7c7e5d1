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

-- Full-text search over published articles (`/hub search`), under the article's rowid.
CREATE VIRTUAL TABLE hub_article_search USING fts5 (title, body, tokenize = 'porter unicode61');

CREATE TRIGGER hub_articles_searchable AFTER INSERT ON hub_articles
BEGIN
    INSERT INTO hub_article_search (rowid, title, body) VALUES (new.rowid, new.title, new.body);
END;

CREATE TRIGGER hub_articles_edited AFTER UPDATE ON hub_articles
BEGIN
    DELETE FROM hub_article_search WHERE rowid = old.rowid;
    INSERT INTO hub_article_search (rowid, title, body) VALUES (new.rowid, new.title, new.body);
END;

CREATE TRIGGER hub_articles_unsearchable AFTER DELETE ON hub_articles
BEGIN
    DELETE FROM hub_article_search WHERE rowid = old.rowid;
END;
