ALTER TABLE ingest_review ADD COLUMN row_key VARCHAR(200);
