-- A server's preferred locale as Discord sends it (GUILD_CREATE), for what the bot posts
-- there or sends its members unasked when they have no language of their own.
ALTER TABLE guilds ADD COLUMN locale TEXT;
