-- Intake group commit (issue 14): a group of callbacks is stored with batched inserts, and every raw row must
-- name its payment (and every payment its raw row) when it is inserted, so intake takes ids for both tables
-- ahead of the inserts from these sequences, 50 at a time (Hibernate's pooled-lo: value v reserves v .. v+49).
-- The IDENTITY defaults of the two columns stay but are no longer used. V31 (db/vendor/{vendor}) starts each
-- sequence above the ids already in use: H2 and PostgreSQL have no common statement for that.
CREATE SEQUENCE raw_callback_seq START WITH 1 INCREMENT BY 50;
CREATE SEQUENCE payment_seq START WITH 1 INCREMENT BY 50;
