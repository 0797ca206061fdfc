-- Tamper evidence for the audit log (issue 8, ADR 11). Events are written as before (the hot path takes no
-- lock); a sealer on one node at a time chains them in the order it finds them: audit_seal.hash =
-- SHA-256(previous hash, the event's canonical form). Every <= 60 s it signs the chain head with Ed25519
-- (audit_checkpoint) and exports the checkpoint outside the database. No foreign keys to audit_event, so
-- that the verifier, not the database, reports an event that has gone.
CREATE TABLE audit_seal (
    chain_seq  BIGINT      NOT NULL PRIMARY KEY,
    event_id   BIGINT      NOT NULL UNIQUE,
    hash       VARCHAR(64) NOT NULL,
    sealed_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE audit_checkpoint (
    chain_seq   BIGINT       NOT NULL PRIMARY KEY,
    head_hash   VARCHAR(64)  NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    key_id      VARCHAR(40)  NOT NULL,
    signature   VARCHAR(200) NOT NULL
);

-- One row: where the chain has got to. Only the sealer updates it, holding its row lock, which also makes
-- the sealer run on one node at a time.
CREATE TABLE audit_chain_head (
    id                 INT         NOT NULL PRIMARY KEY,
    chain_seq          BIGINT      NOT NULL,
    hash               VARCHAR(64) NOT NULL,
    max_event_id       BIGINT      NOT NULL,
    checkpoint_seq     BIGINT      NOT NULL,
    checkpoint_at      TIMESTAMP WITH TIME ZONE
);
INSERT INTO audit_chain_head (id, chain_seq, hash, max_event_id, checkpoint_seq, checkpoint_at)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000', 0, 0, NULL);
