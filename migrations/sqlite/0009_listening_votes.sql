-- Dot votes of listening campaigns: the themes a cohort chooses among, and one ballot per
-- member holding how many dots they put on each option.
CREATE TABLE listening_votes (
    id          INTEGER PRIMARY KEY,
    cohort_id   BIGINT NOT NULL REFERENCES cohorts (id) ON DELETE CASCADE,
    dots        BIGINT NOT NULL,
    closes_at   BIGINT NOT NULL,
    created_by  BIGINT NOT NULL,
    created_at  BIGINT NOT NULL
);

CREATE TABLE listening_vote_options (
    vote_id   BIGINT NOT NULL REFERENCES listening_votes (id) ON DELETE CASCADE,
    position  BIGINT NOT NULL,
    theme     TEXT   NOT NULL,
    PRIMARY KEY (vote_id, position)
);

-- `counts`: the dots on each option, in the options' order, separated by commas ("2,0,1").
CREATE TABLE listening_ballots (
    vote_id     BIGINT NOT NULL REFERENCES listening_votes (id) ON DELETE CASCADE,
    member_id   BIGINT NOT NULL,
    counts      TEXT   NOT NULL,
    updated_at  BIGINT NOT NULL,
    PRIMARY KEY (vote_id, member_id)
);
