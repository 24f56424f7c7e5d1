-- Live quizzes in a channel: one question at a time, everyone in the cohort answers.
CREATE TABLE quiz_runs (
    id             INTEGER PRIMARY KEY,
    cohort_id      BIGINT NOT NULL REFERENCES cohorts (id) ON DELETE CASCADE,
    channel_id     BIGINT NOT NULL,
    module_id      TEXT   NOT NULL,
    -- JSON array of the exercise ids asked, in order.
    questions      TEXT   NOT NULL,
    current_index  BIGINT NOT NULL DEFAULT 0,
    -- The message showing the current question.
    message_id     BIGINT,
    state          TEXT   NOT NULL CHECK (state IN ('running', 'paused', 'ended')),
    seconds        BIGINT NOT NULL,
    -- When the current question closes, while running; what was left of it, while paused.
    deadline_at    BIGINT,
    remaining_ms   BIGINT,
    started_by     BIGINT NOT NULL,
    started_at     BIGINT NOT NULL,
    ended_at       BIGINT
);

CREATE UNIQUE INDEX one_live_quiz_per_channel ON quiz_runs (channel_id) WHERE state <> 'ended';
CREATE INDEX quiz_runs_due ON quiz_runs (state, deadline_at);

CREATE TABLE quiz_answers (
    run_id          BIGINT NOT NULL REFERENCES quiz_runs (id) ON DELETE CASCADE,
    question_index  BIGINT NOT NULL,
    user_id         BIGINT NOT NULL,
    -- JSON array of the option indexes picked (true/false: [1] is true, [0] false).
    answer          TEXT   NOT NULL,
    correct         BIGINT NOT NULL CHECK (correct IN (0, 1)),
    answered_at     BIGINT NOT NULL,
    PRIMARY KEY (run_id, question_index, user_id)
);
