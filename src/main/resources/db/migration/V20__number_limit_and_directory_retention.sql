-- Contract §2 rule 13 (per-number limit) and data protection for the customer directory.

-- One row per phone number that has had a dialable payment lately, locked by intake while it counts that
-- number's payments of the last 24 h: concurrent callbacks for one number take turns, on every node. The
-- key is a SHA-256 of the E.164 number, never the number; retention drops rows a day old.
CREATE TABLE dial_quota (
    phone_key   VARCHAR(64)  PRIMARY KEY,
    touched_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX payment_phone_created ON payment (phone_e164, created_at);

-- When a C2B payment last used the entry: entries neither written nor used for RETENTION_DAYS are removed.
ALTER TABLE customer ADD COLUMN last_used_at TIMESTAMP WITH TIME ZONE;
