-- Crypto-shredding of personal values in audit events (issue 8, ADR 30). The personal values of an event
-- (a search's parameters: names, date of birth, postcode, NHS number, UPN) are no longer in detail but in
-- `personal`, encrypted under a key of their own that is wrapped under the key of each child the event
-- concerns (or of the month, when it concerns none). Purging a child destroys its key: its events' values
-- become unreadable, while the hash chain, which covers the ciphertext, still verifies.
ALTER TABLE audit_event ADD COLUMN personal VARCHAR(16000);

-- One key per subject ('child:<id>' or 'period:<yyyy-mm>'), wrapped under a configured master key. Not an
-- audit table: destroying a key (wrapped set to NULL) is an update the purge must be able to make.
CREATE TABLE audit_subject_key (
    subject        VARCHAR(40)  PRIMARY KEY,
    master_key_id  VARCHAR(40)  NOT NULL,
    wrapped        VARCHAR(200),
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    destroyed_at   TIMESTAMP WITH TIME ZONE
);
