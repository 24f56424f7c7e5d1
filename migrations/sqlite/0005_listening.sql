-- Listening campaigns: the one-to-one conversations trainees log, and the issues each raised.
-- `label` is what the trainee calls the person (initials or a nickname), never contact details.
CREATE TABLE listening_records (
    id            INTEGER PRIMARY KEY,
    cohort_id     BIGINT NOT NULL REFERENCES cohorts (id) ON DELETE CASCADE,
    author_id     BIGINT NOT NULL,
    stage_id      TEXT   NOT NULL,
    group_id      TEXT   NOT NULL,
    heard_on      TEXT   NOT NULL,
    label         TEXT   NOT NULL,
    place         TEXT   NOT NULL,
    energy        TEXT   NOT NULL,
    follow_up_on  TEXT,
    created_at    BIGINT NOT NULL,
    updated_at    BIGINT NOT NULL
);

CREATE INDEX listening_records_by_cohort ON listening_records (cohort_id, author_id);

CREATE TABLE listening_issues (
    record_id  BIGINT NOT NULL REFERENCES listening_records (id) ON DELETE CASCADE,
    theme      TEXT   NOT NULL,
    position   BIGINT NOT NULL,
    PRIMARY KEY (record_id, theme)
);
