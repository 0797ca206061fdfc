-- The misuse rules scan the audit log by time window every minute (ADR 31 found each scan read the whole log):
-- an index on when events happened keeps each scan to its window.
CREATE INDEX audit_event_occurred ON audit_event (occurred_at);
