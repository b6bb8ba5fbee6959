-- Dialling on a cluster (issue 13).

-- When the payment's latest dial order is due (now, or after its delivery delay), written with every order in
-- the order's own transaction. A payment still QUEUED / RETRY_SCHEDULED long after that has most likely lost
-- its order (dead-letter queue, a dead node's journal, an operator's mistake): the sweep gives it a new one.
-- Not mapped in the Payment entity, so that JPA's updates of the row never overwrite it.
ALTER TABLE payment ADD COLUMN dial_order_due_at TIMESTAMP WITH TIME ZONE;

-- The dialling node looks for live calls that no dialer thread of its own holds (a dead node's calls).
CREATE INDEX call_attempt_status ON call_attempt (status);

-- Whether dialling is paused and why, as the dialling node last declared it: every node's GET /api/stats
-- reads it (the pause itself lives in the dialling node's memory).
CREATE TABLE dialling_state (
    id             INTEGER       PRIMARY KEY,
    node           VARCHAR(64)   NOT NULL,
    paused_reason  VARCHAR(500),
    changed_at     TIMESTAMP WITH TIME ZONE NOT NULL
);
