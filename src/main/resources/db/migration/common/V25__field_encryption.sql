-- Field encryption (issue 7, ADR 26): a shielded child's address, its carers' addresses and contacts, and the
-- details of every sensitive involvement are held only as ciphertext under the safeguards module's keys
-- ("key id:base64(nonce|ciphertext|tag)", bound to the row); the plaintext columns are NULL. Rows shielded
-- before this migration are sealed by the application when it next starts (FieldSealingAtStartup): the keys
-- are not the database's to know.
ALTER TABLE child ADD COLUMN sealed VARCHAR(4000);
ALTER TABLE carer ADD COLUMN sealed VARCHAR(8000);
ALTER TABLE involvement ADD COLUMN sealed VARCHAR(8000);
-- Whether a sealed involvement names a practitioner (else it is a team entry): who does not show.
ALTER TABLE involvement ADD COLUMN practitioner_named BOOLEAN;

ALTER TABLE involvement DROP CONSTRAINT involvement_practitioner_or_team;
ALTER TABLE involvement ADD CONSTRAINT involvement_practitioner_or_team
    CHECK (practitioner_name IS NOT NULL OR team_name IS NOT NULL OR sealed IS NOT NULL);

-- What is left to seal (shielded children with an address in the clear, sensitive involvements in the clear)
-- is found by these without reading every row.
CREATE INDEX child_shielded ON child (shielded);
CREATE INDEX involvement_sensitive ON involvement (sensitive);

-- A quarantined feed row (it may be a shielded child) is held sealed whole: room for the ciphertext of 2000 characters.
ALTER TABLE ingest_quarantine ALTER COLUMN payload SET DATA TYPE VARCHAR(4000);

-- A hand correction of a shielded child's address keeps the old and new values of the address fields sealed too
-- (old_value and new_value NULL): the history of where a shielded child lived is where it lives now.
ALTER TABLE child_amendment ADD COLUMN sealed VARCHAR(2000);

-- A feed row in the review queue whose candidate (or the child it was decided to be) is shielded is sealed whole
-- too: it may carry the child's address. Room for the ciphertext of 2000 characters.
ALTER TABLE ingest_review ALTER COLUMN payload SET DATA TYPE VARCHAR(4000);
