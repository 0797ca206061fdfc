-- Reports (issue 10, ADR 40).

-- Feed rejects counted by batch, field and reason, so that the data-quality report shows them by supplier and
-- reason (the reject report file goes to the supplier and is not kept). Counted in each chunk's transaction, so a
-- resumed batch counts each row once. The reason names the rule, never the value.
CREATE TABLE ingest_reject (
    batch_id  BIGINT       NOT NULL REFERENCES ingest_batch (id),
    field     VARCHAR(60)  NOT NULL,
    reason    VARCHAR(300) NOT NULL,
    rows_rejected BIGINT   NOT NULL,
    PRIMARY KEY (batch_id, field, reason)
);

-- One alert to the LA teams per overdue period of a supplier's source: the period is known by the day the batch
-- was due, which a new batch moves on.
CREATE TABLE supplier_overdue_alert (
    supplier_code VARCHAR(40) NOT NULL REFERENCES supplier (code),
    source        VARCHAR(30) NOT NULL,
    due_on        DATE        NOT NULL,
    alerted_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    recipients    INTEGER     NOT NULL,
    PRIMARY KEY (supplier_code, source, due_on)
);

-- The reports read an authority's children by date of birth (compulsory school age is a range of birth dates):
-- one range scan of the authority's part of this index instead of every child of the authority.
CREATE INDEX child_la_birth ON child (responsible_la, date_of_birth);
-- Settings are looked up per child and kind (a current education setting, a current GP practice).
CREATE INDEX child_setting_child_kind ON child_setting (child_id, kind, end_date);
-- Whether any source confirmed a value of the child in the last year, without reading the rows.
CREATE INDEX value_provenance_child_as_of ON value_provenance (child_id, as_of);
CREATE INDEX source_identifier_child_as_of ON source_identifier (child_id, as_of);
CREATE INDEX source_conflict_child_open ON source_conflict (child_id, status);
