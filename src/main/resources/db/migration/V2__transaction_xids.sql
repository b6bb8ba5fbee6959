-- Narayana's Commit Markable Resource table (wildfly-config/configure.cli): the Xid of every two-resource
-- transaction is written here in the same database commit, so that recovery after a crash can tell whether
-- the payment rows were committed and complete the dial message to match. Narayana deletes the rows itself.
CREATE TABLE xids (
    xid                  BYTEA,
    transactionManagerID VARCHAR(64),
    actionuid            BYTEA
);
CREATE UNIQUE INDEX xids_xid ON xids (xid);
