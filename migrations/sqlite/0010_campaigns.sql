-- Campaigns of a listening campaign: a theme the cohort chose, its SMART goal (empty until
-- set), the power holders it must move, and its actions, each a cohort event with a
-- turnout target and, once held, the turnout recorded.
CREATE TABLE campaigns (
    id           INTEGER PRIMARY KEY,
    cohort_id    BIGINT NOT NULL REFERENCES cohorts (id) ON DELETE CASCADE,
    theme        TEXT   NOT NULL,
    specific     TEXT,
    measurable   TEXT,
    achievable   TEXT,
    relevant     TEXT,
    deadline     TEXT,
    created_by   BIGINT NOT NULL,
    created_at   BIGINT NOT NULL,
    updated_at   BIGINT NOT NULL,
    UNIQUE (cohort_id, theme)
);

-- `name_key`: the name in lower case, so "The Mayor" and "the mayor" are one holder.
CREATE TABLE campaign_power_holders (
    campaign_id  BIGINT NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
    name_key     TEXT   NOT NULL,
    name         TEXT   NOT NULL,
    interest     TEXT   NOT NULL CHECK (interest IN ('low', 'medium', 'high')),
    influence    TEXT   NOT NULL CHECK (influence IN ('low', 'medium', 'high')),
    note         TEXT   NOT NULL,
    updated_at   BIGINT NOT NULL,
    PRIMARY KEY (campaign_id, name_key)
);

-- `interested`: how many marked the Discord event as interested when turnout was recorded;
-- `attended`: how many came, as the facilitator counted (people from outside the server too).
CREATE TABLE campaign_actions (
    id                   INTEGER PRIMARY KEY,
    campaign_id          BIGINT NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
    session_id           BIGINT NOT NULL UNIQUE REFERENCES sessions (id) ON DELETE CASCADE,
    turnout_target       BIGINT NOT NULL,
    interested           BIGINT,
    attended             BIGINT,
    turnout_recorded_at  BIGINT
);
