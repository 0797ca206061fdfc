-- The append-only triggers let the audit retention job (ADR 33) delete events, their child rows and their seals,
-- and nothing else: only rows of events that happened more than 6 years ago (the shortest retention period the
-- application accepts), and only in a transaction that has said it is that job. Updates stay refused for
-- everyone; truncation stays refused; checkpoints and retention records are never deleted.
CREATE FUNCTION audit_retention_or_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- Nested, not joined with AND: PL/pgSQL does not promise to skip OLD.occurred_at on the other tables' rows.
    IF TG_OP = 'DELETE' AND current_setting('contactpoint.audit_retention', true) = 'on' THEN
        IF TG_TABLE_NAME = 'audit_event' THEN
            IF OLD.occurred_at < now() - INTERVAL '6 years' THEN
                RETURN OLD;
            END IF;
        ELSIF EXISTS (SELECT 1 FROM audit_event e WHERE e.id = OLD.event_id AND e.occurred_at < now() - INTERVAL '6 years') THEN
            RETURN OLD;
        END IF;
    END IF;
    RAISE EXCEPTION 'audit records are append-only: % on % is not allowed', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

DROP TRIGGER audit_event_append_only ON audit_event;
CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON audit_event
    FOR EACH ROW EXECUTE FUNCTION audit_retention_or_refuse();
DROP TRIGGER audit_event_child_append_only ON audit_event_child;
CREATE TRIGGER audit_event_child_append_only BEFORE UPDATE OR DELETE ON audit_event_child
    FOR EACH ROW EXECUTE FUNCTION audit_retention_or_refuse();
DROP TRIGGER audit_seal_append_only ON audit_seal;
CREATE TRIGGER audit_seal_append_only BEFORE UPDATE OR DELETE ON audit_seal
    FOR EACH ROW EXECUTE FUNCTION audit_retention_or_refuse();

CREATE TRIGGER audit_retention_append_only BEFORE UPDATE OR DELETE ON audit_retention
    FOR EACH ROW EXECUTE FUNCTION audit_append_only();
CREATE TRIGGER audit_retention_no_truncate BEFORE TRUNCATE ON audit_retention
    FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();
