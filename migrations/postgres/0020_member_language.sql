-- A member's language in a server: the one chosen with `/language` (NULL: follow Discord's
-- locale), and the locale their Discord client last sent, for messages sent to them outside
-- an interaction.
ALTER TABLE member_settings ADD COLUMN language TEXT;
ALTER TABLE member_settings ADD COLUMN last_locale TEXT;
