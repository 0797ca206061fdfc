-- Candidate retrieval for matching and search: each child's blocking keys, 64-bit hashes the linkage
-- engine computes (this module stores them without knowing what they hash). One indexed lookup per key
-- finds the children an incoming record or a search could be.
CREATE TABLE child_blocking_key (
    blocking_key BIGINT NOT NULL,
    child_id     BIGINT NOT NULL REFERENCES child (id) ON DELETE CASCADE,
    PRIMARY KEY (blocking_key, child_id)
);
CREATE INDEX child_blocking_key_child ON child_blocking_key (child_id);
