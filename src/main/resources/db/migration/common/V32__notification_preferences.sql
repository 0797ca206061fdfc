-- Issue 9: how each user is emailed about their notifications (ADR 34). No row: a daily digest.
CREATE TABLE notification_preference (
    user_id     BIGINT       PRIMARY KEY REFERENCES app_user (id),
    email       VARCHAR(10)  NOT NULL,
    changed_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT notification_preference_email CHECK (email IN ('IMMEDIATE', 'DAILY', 'NONE'))
);

-- The address an email about a notification is still owed to (for the digest, or for an immediate email
-- whose delivery has not committed); null when none is owed. Sending claims the row by setting emailed_at
-- and clearing email_to in one UPDATE, so that a notification is emailed at most once in a cluster.
ALTER TABLE notification ADD COLUMN email_to VARCHAR(320);
CREATE INDEX notification_email_owed ON notification (email_to, user_id);
