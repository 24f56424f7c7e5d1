-- Profile pages: what a member says about themselves in one server, and whether other
-- members may see their progress (facilitators always may). `links`: up to three https
-- addresses, one per line.
CREATE TABLE profiles (
    guild_id        BIGINT NOT NULL,
    user_id         BIGINT NOT NULL,
    area            TEXT   NOT NULL,
    bio             TEXT   NOT NULL,
    links           TEXT   NOT NULL,
    progress_shown  BIGINT NOT NULL CHECK (progress_shown IN (0, 1)),
    updated_at      BIGINT NOT NULL,
    PRIMARY KEY (guild_id, user_id)
);
