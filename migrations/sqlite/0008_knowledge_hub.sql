-- The knowledge hub: the two forum channels of a server's hub (articles and questions), as
-- `/hub setup` created or adopted them.
CREATE TABLE hub_forums (
    guild_id BIGINT NOT NULL,
    kind TEXT NOT NULL,
    channel_id BIGINT NOT NULL,
    set_up_by BIGINT NOT NULL,
    set_up_at BIGINT NOT NULL,
    PRIMARY KEY (guild_id, kind)
);
