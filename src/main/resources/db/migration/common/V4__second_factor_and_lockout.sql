-- Second login factor (PIN + TOTP, one factor) and lockout. The PIN is Argon2id-hashed; the TOTP secret is
-- AES-GCM ciphertext prefixed with the id of the key that encrypted it ("keyId:base64"), so keys rotate
-- without re-enrolment. totp_last_step is the last accepted RFC 6238 time step: a code is never accepted twice.
ALTER TABLE app_user ADD COLUMN pin_hash VARCHAR(200);
ALTER TABLE app_user ADD COLUMN totp_secret VARCHAR(300);
ALTER TABLE app_user ADD COLUMN totp_last_step BIGINT NOT NULL DEFAULT 0;
-- Password step: 10 consecutive failures lock for 15 minutes, doubling with each repeat lockout.
ALTER TABLE app_user ADD COLUMN failed_passwords INT NOT NULL DEFAULT 0;
ALTER TABLE app_user ADD COLUMN password_lockouts INT NOT NULL DEFAULT 0;
ALTER TABLE app_user ADD COLUMN locked_until TIMESTAMP WITH TIME ZONE;
-- Second step: 5 consecutive failures lock the account until an administrator unlocks it.
ALTER TABLE app_user ADD COLUMN failed_second_factors INT NOT NULL DEFAULT 0;
ALTER TABLE app_user ADD COLUMN second_factor_locked BOOLEAN NOT NULL DEFAULT FALSE;
