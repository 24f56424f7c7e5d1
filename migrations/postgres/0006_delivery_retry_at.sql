-- When a failed delivery is tried again. Its due_at stays when it was first due, so a retry is
-- claimed ahead of the deliveries that became due after it, while Discord still remembers its
-- nonce.
ALTER TABLE deliveries ADD COLUMN retry_at BIGINT;
