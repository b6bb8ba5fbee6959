-- Contract §2 rule 13 counts, per phone number, the payments of the last 24 h that were dialled or are on their
-- way to it. Counted through payment_phone_created, that look-up read every payment of the number, the THROTTLED
-- ones included: a script posting forged callbacks for one number made each intake group slower than the last.
-- counted_phone holds the number only while the payment counts (Payment keeps it with its status), so the
-- index below holds at most the limit's worth of rows per number and day, whatever is posted. The number alone is
-- indexed: given (counted_phone, created_at), H2 scans the whole index on the time range instead of looking up the numbers.
ALTER TABLE payment ADD COLUMN counted_phone VARCHAR(20);
UPDATE payment SET counted_phone = phone_e164
    WHERE status NOT IN ('RECEIVED', 'REJECTED', 'UNDIALABLE', 'THROTTLED', 'UNVERIFIED');
CREATE INDEX payment_counted_phone ON payment (counted_phone);
