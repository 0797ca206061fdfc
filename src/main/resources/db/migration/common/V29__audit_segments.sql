-- Retention of the audit log itself (issue 8, ADR 33): events are kept a configured number of years (default
-- 7, never fewer than 6), then removed in whole checkpointed segments from the start of the chain. Each
-- removal is recorded here, signed with the checkpoint key: the verifier then starts the chain at the anchor
-- checkpoint (through_seq, whose head hash is anchor_hash) instead of at the genesis hash.
CREATE TABLE audit_retention (
    through_seq     BIGINT       NOT NULL PRIMARY KEY,
    anchor_hash     VARCHAR(64)  NOT NULL,
    removed_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    events_removed  BIGINT       NOT NULL,
    key_id          VARCHAR(40)  NOT NULL,
    signature       VARCHAR(200) NOT NULL
);
