-- Each scheduler step expires the pending and running deliveries past their `expires_at`;
-- without an index that step read every delivery ever queued.
CREATE INDEX deliveries_expiry ON deliveries (state, expires_at);
