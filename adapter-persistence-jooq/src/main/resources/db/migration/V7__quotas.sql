-- Quotas and reservations (API §7): conversations counted distinct per period, the tiers' limit policy, the
-- reservation an event may name, the reservations themselves and the row per account a hold locks.

-- A tier's limit policy: 'soft' (a hold past a limit is granted, marked over_limit) or 'hard' (refused with 402).
-- Tiers stored before this version keep the contract's default.
ALTER TABLE tier ADD COLUMN limit_policy VARCHAR(16) DEFAULT 'soft' NOT NULL;

-- The reservation a usage event settles (API §4 reservation_id); null for plain usage. Kept on the event so what
-- settled a hold can be traced to it.
ALTER TABLE usage_event ADD COLUMN reservation_id VARCHAR(256);

-- Distinct conversations, kept exactly like the end users (V2, V3): month rows with a bit per day, each
-- conversation's last day, and counts by last day. Account scope only: nothing reads conversations per instance.
CREATE TABLE usage_month_conversation (
    account_id      VARCHAR(256) NOT NULL,
    usage_month     INTEGER      NOT NULL,
    conversation_id VARCHAR(256) NOT NULL,
    day_bits        BIGINT       NOT NULL,
    CONSTRAINT pk_usage_month_conversation PRIMARY KEY (account_id, usage_month, conversation_id)
);

CREATE TABLE conversation_last_day (
    account_id      VARCHAR(256) NOT NULL,
    conversation_id VARCHAR(256) NOT NULL,
    last_day        INTEGER      NOT NULL,
    prev_day        INTEGER,
    CONSTRAINT pk_conversation_last_day PRIMARY KEY (account_id, conversation_id)
);

CREATE TABLE conversations_by_last_day (
    account_id    VARCHAR(256) NOT NULL,
    last_day      INTEGER      NOT NULL,
    conversations BIGINT       NOT NULL,
    CONSTRAINT pk_conversations_by_last_day PRIMARY KEY (account_id, last_day)
);

-- Carry over the conversations of the events already stored (as V2 did for end users: the distinct bits of a group
-- summed are their OR). Days are UTC days whatever the session's zone. jOOQ's code generator skips this data move.
-- [jooq ignore start]
INSERT INTO usage_month_conversation (account_id, usage_month, conversation_id, day_bits)
SELECT account_id,
       CAST(EXTRACT(YEAR FROM occurred_at AT TIME ZONE 'UTC') * 100
            + EXTRACT(MONTH FROM occurred_at AT TIME ZONE 'UTC') AS INTEGER),
       conversation_id,
       SUM(DISTINCT CAST(POWER(2, EXTRACT(DAY FROM occurred_at AT TIME ZONE 'UTC') - 1) AS BIGINT))
FROM usage_event
WHERE conversation_id IS NOT NULL
GROUP BY account_id, CAST(EXTRACT(YEAR FROM occurred_at AT TIME ZONE 'UTC') * 100
            + EXTRACT(MONTH FROM occurred_at AT TIME ZONE 'UTC') AS INTEGER),
         conversation_id;

INSERT INTO conversation_last_day (account_id, conversation_id, last_day)
SELECT account_id, conversation_id,
       MAX(CAST(EXTRACT(YEAR FROM occurred_at AT TIME ZONE 'UTC') * 10000
                + EXTRACT(MONTH FROM occurred_at AT TIME ZONE 'UTC') * 100
                + EXTRACT(DAY FROM occurred_at AT TIME ZONE 'UTC') AS INTEGER))
FROM usage_event
WHERE conversation_id IS NOT NULL
GROUP BY account_id, conversation_id;

INSERT INTO conversations_by_last_day (account_id, last_day, conversations)
SELECT account_id, last_day, COUNT(*)
FROM conversation_last_day
GROUP BY account_id, last_day;
-- [jooq ignore stop]

-- Reservations: holds on an account's quotas (API §7). Status is never stored: it is derived from the two end
-- instants and expires_at against the clock, so a hold stops counting at expires_at with no job.
CREATE TABLE quota_reservation (
    account_id      VARCHAR(256)             NOT NULL,
    reservation_id  VARCHAR(256)             NOT NULL,
    tokens          BIGINT                   NOT NULL,
    requests        BIGINT                   NOT NULL,
    conversation_id VARCHAR(256),
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    over_limit      BOOLEAN                  NOT NULL,
    settled_at      TIMESTAMP WITH TIME ZONE,
    released_at     TIMESTAMP WITH TIME ZONE,
    CONSTRAINT pk_quota_reservation PRIMARY KEY (account_id, reservation_id),
    CONSTRAINT ck_quota_reservation_counts CHECK (tokens >= 0 AND requests >= 0)
);

-- The live holds of an account are read by their expiry (only those not yet expired can be live).
CREATE INDEX ix_quota_reservation_expires ON quota_reservation (account_id, expires_at);

-- One row per account that ever held quota: a hold locks it (an upsert in the hold's transaction), so the holds of
-- one account are decided one after another on every replica sharing the database. locked_at only gives the upsert
-- something to write.
CREATE TABLE quota_account (
    account_id VARCHAR(256)             NOT NULL,
    locked_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_quota_account PRIMARY KEY (account_id)
);
