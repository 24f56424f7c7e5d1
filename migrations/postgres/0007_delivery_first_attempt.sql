-- When a delivery was first claimed for sending. A send whose outcome is unknown is retried
-- with the same nonce while Discord remembers it; later, the bot first looks whether the
-- earlier attempt arrived (messages since this time) and never resends blind.
ALTER TABLE deliveries ADD COLUMN first_attempt_at BIGINT;
