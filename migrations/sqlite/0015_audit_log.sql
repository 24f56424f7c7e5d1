-- What facilitators did to other members' standing (`/cohort audit`): who, to whom, what, when.
CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY,
    cohort_id   BIGINT NOT NULL REFERENCES cohorts (id) ON DELETE CASCADE,
    actor_id    BIGINT NOT NULL,
    subject_id  BIGINT NOT NULL,
    action      TEXT   NOT NULL,
    detail      TEXT   NOT NULL,
    at          BIGINT NOT NULL
);

CREATE INDEX audit_log_latest ON audit_log (cohort_id, id DESC);
