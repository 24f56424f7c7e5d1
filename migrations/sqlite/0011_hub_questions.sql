-- The knowledge hub's questions and answers: a question asked with /ask (a draft until its
-- forum post is opened), the answers members accepted or rated (the bot learns of an answer
-- only through its context menus), and one rating per member and answer. A rating a
-- facilitator removed stays, with who removed it and why, and no longer counts.
CREATE TABLE hub_questions (
    id          INTEGER PRIMARY KEY,
    guild_id    BIGINT NOT NULL,
    asker_id    BIGINT NOT NULL,
    title       TEXT   NOT NULL,
    details     TEXT   NOT NULL,
    -- The forum tags chosen, one per line.
    tags        TEXT   NOT NULL,
    asked_at    BIGINT NOT NULL,
    -- draft, posting (its post being opened), open.
    state       TEXT   NOT NULL,
    post_id     BIGINT UNIQUE,
    accepted_answer_id BIGINT,
    answered_at BIGINT
);
CREATE INDEX hub_questions_answered ON hub_questions (guild_id, answered_at);

CREATE TABLE hub_answers (
    message_id  BIGINT PRIMARY KEY,
    question_id BIGINT NOT NULL REFERENCES hub_questions (id) ON DELETE CASCADE,
    guild_id    BIGINT NOT NULL,
    author_id   BIGINT NOT NULL,
    posted_at   BIGINT NOT NULL,
    accepted_at BIGINT,
    accepted_by BIGINT
);
CREATE INDEX hub_answers_author ON hub_answers (guild_id, author_id);

CREATE TABLE hub_ratings (
    answer_id   BIGINT NOT NULL REFERENCES hub_answers (message_id) ON DELETE CASCADE,
    rater_id    BIGINT NOT NULL,
    -- positive, neutral, negative.
    value       TEXT   NOT NULL,
    comment     TEXT,
    rated_at    BIGINT NOT NULL,
    removed_at  BIGINT,
    removed_by  BIGINT,
    removed_reason TEXT,
    PRIMARY KEY (answer_id, rater_id)
);

-- Full-text search over answered questions (`/hub search`): a question enters when its
-- first answer is accepted, under its own id as the rowid.
CREATE VIRTUAL TABLE hub_search USING fts5 (title, details, tokenize = 'porter unicode61');

CREATE TRIGGER hub_questions_searchable AFTER UPDATE OF answered_at ON hub_questions
WHEN new.answered_at IS NOT NULL AND old.answered_at IS NULL
BEGIN
    INSERT INTO hub_search (rowid, title, details) VALUES (new.id, new.title, new.details);
END;

CREATE TRIGGER hub_questions_unsearchable AFTER DELETE ON hub_questions
BEGIN
    DELETE FROM hub_search WHERE rowid = old.id;
END;
