-- DPoP proofs taken by any node (ADR 48): the SHA-256 of each proof's jti, kept until the proof could no longer be
-- accepted, so a proof replayed to another node behind the same load balancer is refused there too.
CREATE TABLE dpop_proof_seen (
    jti_hash    CHAR(64)                 NOT NULL PRIMARY KEY,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX dpop_proof_seen_expiry ON dpop_proof_seen (expires_at);
