-- H2 half of V31: the intake id sequences (V30) continue above the existing rows.
ALTER SEQUENCE raw_callback_seq RESTART WITH (SELECT COALESCE(MAX(id), 0) + 1 FROM raw_callback);
ALTER SEQUENCE payment_seq RESTART WITH (SELECT COALESCE(MAX(id), 0) + 1 FROM payment);
