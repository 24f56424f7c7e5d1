-- The whole schema of cohortbot (SQLite). Keep equivalent to migrations/postgres.
-- Times are UTC unix milliseconds, dates TEXT YYYY-MM-DD, time zones IANA names,
-- Discord snowflakes BIGINT, booleans BIGINT 0/1, JSON documents TEXT.
-- Surrogate keys are INTEGER PRIMARY KEY (SQLite's rowid alias, 64-bit).
-- Declared types stay within INTEGER/BIGINT/TEXT: sqlx's Any driver rejects BOOLEAN/DATE.

CREATE TABLE guilds (
    id          BIGINT NOT NULL PRIMARY KEY,
    name        TEXT   NOT NULL,
    created_at  BIGINT NOT NULL
);

CREATE TABLE course_versions (
    id             INTEGER PRIMARY KEY,
    course_id      TEXT   NOT NULL,
    version_label  TEXT   NOT NULL,
    content_hash   TEXT   NOT NULL,
    snapshot       TEXT   NOT NULL,
    created_at     BIGINT NOT NULL,
    UNIQUE (course_id, content_hash)
);

CREATE TABLE cohorts (
    id                 INTEGER PRIMARY KEY,
    guild_id           BIGINT NOT NULL REFERENCES guilds (id),
    name               TEXT   NOT NULL,
    course_version_id  BIGINT NOT NULL REFERENCES course_versions (id),
    course_id          TEXT   NOT NULL,
    time_zone          TEXT   NOT NULL,
    starts_on          TEXT   NOT NULL,
    channel_id         BIGINT,
    join_code          TEXT   NOT NULL UNIQUE,
    created_by         BIGINT NOT NULL,
    created_at         BIGINT NOT NULL,
    archived_at        BIGINT,
    UNIQUE (guild_id, name)
);

CREATE TABLE members (
    cohort_id  BIGINT NOT NULL REFERENCES cohorts (id) ON DELETE CASCADE,
    user_id    BIGINT NOT NULL,
    role       TEXT   NOT NULL CHECK (role IN ('trainee', 'mentor', 'facilitator')),
    joined_at  BIGINT NOT NULL,
    left_at    BIGINT,
    PRIMARY KEY (cohort_id, user_id)
);

CREATE INDEX members_by_user ON members (user_id);

CREATE TABLE member_settings (
    guild_id           BIGINT NOT NULL REFERENCES guilds (id),
    user_id            BIGINT NOT NULL,
    current_cohort_id  BIGINT REFERENCES cohorts (id) ON DELETE SET NULL,
    reminders_muted    BIGINT NOT NULL DEFAULT 0 CHECK (reminders_muted IN (0, 1)),
    PRIMARY KEY (guild_id, user_id)
);

CREATE TABLE module_progress (
    cohort_id      BIGINT NOT NULL REFERENCES cohorts (id) ON DELETE CASCADE,
    user_id        BIGINT NOT NULL,
    module_id      TEXT   NOT NULL,
    state          TEXT   NOT NULL CHECK (state IN ('in_progress', 'done')),
    page_index     BIGINT NOT NULL DEFAULT 0 CHECK (page_index >= 0),
    started_at     BIGINT NOT NULL,
    completed_at   BIGINT,
    best_score     BIGINT CHECK (best_score BETWEEN 0 AND 100),
    attempts_used  BIGINT NOT NULL DEFAULT 0 CHECK (attempts_used >= 0),
    PRIMARY KEY (cohort_id, user_id, module_id)
);

CREATE TABLE exercise_attempts (
    id             INTEGER PRIMARY KEY,
    cohort_id      BIGINT NOT NULL REFERENCES cohorts (id) ON DELETE CASCADE,
    user_id        BIGINT NOT NULL,
    module_id      TEXT   NOT NULL,
    attempt_no     BIGINT NOT NULL CHECK (attempt_no >= 1),
    current_index  BIGINT NOT NULL DEFAULT 0 CHECK (current_index >= 0),
    started_at     BIGINT NOT NULL,
    finished_at    BIGINT,
    score          BIGINT CHECK (score BETWEEN 0 AND 100),
    passed         BIGINT CHECK (passed IN (0, 1)),
    UNIQUE (cohort_id, user_id, module_id, attempt_no)
);

-- At most one unfinished attempt per member and module.
CREATE UNIQUE INDEX exercise_attempts_one_open
    ON exercise_attempts (cohort_id, user_id, module_id) WHERE finished_at IS NULL;

CREATE TABLE answers (
    attempt_id       BIGINT NOT NULL REFERENCES exercise_attempts (id) ON DELETE CASCADE,
    exercise_id      TEXT   NOT NULL,
    answer           TEXT   NOT NULL,
    points_permille  BIGINT NOT NULL CHECK (points_permille BETWEEN 0 AND 1000),
    answered_at      BIGINT NOT NULL,
    PRIMARY KEY (attempt_id, exercise_id)
);

CREATE TABLE reflections (
    id            INTEGER PRIMARY KEY,
    cohort_id     BIGINT NOT NULL REFERENCES cohorts (id) ON DELETE CASCADE,
    user_id       BIGINT NOT NULL,
    module_id     TEXT   NOT NULL,
    exercise_id   TEXT   NOT NULL,
    body          TEXT   NOT NULL,
    visibility    TEXT   NOT NULL CHECK (visibility IN ('facilitators', 'cohort')),
    submitted_at  BIGINT NOT NULL,
    reviewed_at   BIGINT,
    reviewed_by   BIGINT,
    reply         TEXT
);

CREATE INDEX reflections_by_cohort ON reflections (cohort_id, submitted_at);

CREATE TABLE badge_awards (
    id             INTEGER PRIMARY KEY,
    cohort_id      BIGINT NOT NULL REFERENCES cohorts (id) ON DELETE CASCADE,
    user_id        BIGINT NOT NULL,
    badge_id       TEXT   NOT NULL,
    awarded_at     BIGINT NOT NULL,
    awarded_by     BIGINT,
    reason         TEXT,
    revoked_at     BIGINT,
    revoked_by     BIGINT,
    revoke_reason  TEXT,
    role_synced_at BIGINT,
    role_error     TEXT
);

-- At most one unrevoked award of a badge per member.
CREATE UNIQUE INDEX badge_awards_one_active
    ON badge_awards (cohort_id, user_id, badge_id) WHERE revoked_at IS NULL;

CREATE INDEX badge_awards_unsynced ON badge_awards (id) WHERE role_synced_at IS NULL;

CREATE TABLE badge_roles (
    guild_id   BIGINT NOT NULL REFERENCES guilds (id),
    badge_key  TEXT   NOT NULL,
    role_id    BIGINT NOT NULL,
    PRIMARY KEY (guild_id, badge_key)
);

CREATE TABLE pathway_choices (
    cohort_id   BIGINT NOT NULL REFERENCES cohorts (id) ON DELETE CASCADE,
    user_id     BIGINT NOT NULL,
    pathway_id  TEXT   NOT NULL,
    option_id   TEXT   NOT NULL,
    chosen_at   BIGINT NOT NULL,
    PRIMARY KEY (cohort_id, user_id, pathway_id)
);

CREATE TABLE cohort_groups (
    id         INTEGER PRIMARY KEY,
    cohort_id  BIGINT NOT NULL REFERENCES cohorts (id) ON DELETE CASCADE,
    series_id  TEXT   NOT NULL,
    name       TEXT   NOT NULL,
    thread_id  BIGINT,
    UNIQUE (cohort_id, series_id, name)
);

CREATE TABLE group_members (
    group_id  BIGINT NOT NULL REFERENCES cohort_groups (id) ON DELETE CASCADE,
    user_id   BIGINT NOT NULL,
    PRIMARY KEY (group_id, user_id)
);

CREATE TABLE mentor_pairs (
    id          INTEGER PRIMARY KEY,
    cohort_id   BIGINT NOT NULL REFERENCES cohorts (id) ON DELETE CASCADE,
    mentor_id   BIGINT NOT NULL,
    trainee_id  BIGINT NOT NULL,
    thread_id   BIGINT,
    created_at  BIGINT NOT NULL,
    UNIQUE (cohort_id, mentor_id, trainee_id)
);

CREATE TABLE sessions (
    id                INTEGER PRIMARY KEY,
    cohort_id         BIGINT NOT NULL REFERENCES cohorts (id) ON DELETE CASCADE,
    kind              TEXT   NOT NULL CHECK (kind IN ('set', 'meeting', 'event')),
    series_id         TEXT,
    seq               BIGINT,
    group_id          BIGINT REFERENCES cohort_groups (id) ON DELETE SET NULL,
    pair_id           BIGINT REFERENCES mentor_pairs (id) ON DELETE SET NULL,
    title             TEXT   NOT NULL,
    starts_at         BIGINT NOT NULL,
    ends_at           BIGINT NOT NULL,
    status            TEXT   NOT NULL
                      CHECK (status IN ('proposed', 'scheduled', 'held', 'cancelled')),
    proposed_by       BIGINT,
    presentations     BIGINT NOT NULL DEFAULT 0 CHECK (presentations IN (0, 1)),
    discord_event_id  BIGINT,
    notes             TEXT,
    created_at        BIGINT NOT NULL,
    CHECK (ends_at >= starts_at)
);

CREATE INDEX sessions_by_cohort ON sessions (cohort_id, starts_at);

CREATE TABLE attendance (
    session_id   BIGINT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    user_id      BIGINT NOT NULL,
    rsvp         TEXT CHECK (rsvp IN ('yes', 'no', 'maybe')),
    attended     BIGINT CHECK (attended IN (0, 1)),
    recorded_by  BIGINT,
    recorded_at  BIGINT,
    PRIMARY KEY (session_id, user_id)
);

CREATE TABLE schedules (
    id            INTEGER PRIMARY KEY,
    cohort_id     BIGINT NOT NULL REFERENCES cohorts (id) ON DELETE CASCADE,
    kind          TEXT   NOT NULL,
    rule          TEXT   NOT NULL,
    time_zone     TEXT   NOT NULL,
    next_fire_at  BIGINT,
    payload       TEXT   NOT NULL,
    active        BIGINT NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at    BIGINT NOT NULL
);

CREATE INDEX schedules_due ON schedules (active, next_fire_at);

CREATE TABLE deliveries (
    id                   INTEGER PRIMARY KEY,
    schedule_id          BIGINT REFERENCES schedules (id) ON DELETE SET NULL,
    dedupe_key           TEXT   NOT NULL UNIQUE,
    cohort_id            BIGINT REFERENCES cohorts (id) ON DELETE SET NULL,
    target_kind          TEXT   NOT NULL CHECK (target_kind IN ('channel', 'thread', 'dm')),
    target_id            BIGINT NOT NULL,
    fallback_channel_id  BIGINT,
    payload              TEXT   NOT NULL,
    due_at               BIGINT NOT NULL,
    expires_at           BIGINT,
    state                TEXT   NOT NULL DEFAULT 'pending'
                         CHECK (state IN ('pending', 'running', 'sent', 'dead', 'expired')),
    attempts             BIGINT NOT NULL DEFAULT 0,
    last_error           TEXT,
    locked_by            TEXT,
    lease_expires_at     BIGINT,
    sent_at              BIGINT,
    message_id           BIGINT
);

-- Claiming scans pending rows by due time.
CREATE INDEX deliveries_claim ON deliveries (state, due_at);
