-- ADR 46: proportionality and use figures of months that can no longer change (ended more than 31 days ago, so
-- that every match notification's 30 days to be followed are over), kept once computed from the audit log.
CREATE TABLE usage_month (
    local_authority  VARCHAR(9)   NOT NULL,
    month_start      DATE         NOT NULL,
    measure          VARCHAR(40)  NOT NULL,
    amount           BIGINT       NOT NULL,
    PRIMARY KEY (month_start, local_authority, measure)
);
-- Which months have been computed (a month with no activity has no rows of figures but is still done).
CREATE TABLE usage_month_done (
    month_start  DATE                      NOT NULL PRIMARY KEY,
    computed_at  TIMESTAMP WITH TIME ZONE  NOT NULL
);
