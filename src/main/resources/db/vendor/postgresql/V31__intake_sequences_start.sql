-- PostgreSQL half of V31: the intake id sequences (V30) continue above the existing rows.
SELECT setval('raw_callback_seq', (SELECT COALESCE(MAX(id), 0) + 1 FROM raw_callback), false);
SELECT setval('payment_seq', (SELECT COALESCE(MAX(id), 0) + 1 FROM payment), false);
