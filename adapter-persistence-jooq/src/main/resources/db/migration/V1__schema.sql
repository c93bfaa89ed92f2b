-- HydraCore Billing schema. The same file runs on PostgreSQL and on embedded H2 (PostgreSQL mode), and jOOQ generates
-- its table classes from it, so it sticks to the common subset: TIMESTAMP WITH TIME ZONE, VARCHAR for keys.
-- Every tenant table's primary key starts with account_id, so the schema can be distributed by account later.
-- Identifiers are limited to 128 characters (code points) by the domain; columns are VARCHAR(256) because H2 counts
-- UTF-16 units, and a 128-code-point id made of supplementary characters is 256 of them. Names: 200 → 400.

CREATE TABLE tier (
    tier_id            VARCHAR(256) NOT NULL,
    tier_slug          VARCHAR(256) NOT NULL,
    product_name       VARCHAR(400) NOT NULL,
    plan_name          VARCHAR(400) NOT NULL,
    price_cents        BIGINT       NOT NULL,
    billing_cycle      VARCHAR(16)  NOT NULL,
    trial_days         INTEGER      NOT NULL,
    token_allowance    BIGINT       NOT NULL,
    api_call_limit     BIGINT       NOT NULL,
    conversation_limit BIGINT       NOT NULL,
    instance_limit     BIGINT       NOT NULL,
    max_sites_per_node BIGINT       NOT NULL,
    CONSTRAINT pk_tier PRIMARY KEY (tier_id)
);

CREATE TABLE subscription (
    account_id           VARCHAR(256)             NOT NULL,
    subscription_id      VARCHAR(256)             NOT NULL,
    tier_id              VARCHAR(256)             NOT NULL,
    started_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    trial_ends_at        TIMESTAMP WITH TIME ZONE,
    activated_at         TIMESTAMP WITH TIME ZONE,
    past_due_at          TIMESTAMP WITH TIME ZONE,
    canceled_at          TIMESTAMP WITH TIME ZONE,
    cancel_at_period_end BOOLEAN                  NOT NULL,
    -- the order subscriptions were first saved in: breaks ties between equal started_at
    saved_order          BIGINT                   NOT NULL,
    -- no foreign key to tier: the use cases check the tier exists, and a store keyed by account alone can be
    -- distributed without a cross-shard reference
    CONSTRAINT pk_subscription PRIMARY KEY (account_id, subscription_id)
);

CREATE SEQUENCE subscription_saved_order;

CREATE TABLE instance (
    account_id  VARCHAR(256) NOT NULL,
    instance_id VARCHAR(256) NOT NULL,
    name        VARCHAR(400) NOT NULL,
    status      VARCHAR(16)  NOT NULL,
    CONSTRAINT pk_instance PRIMARY KEY (account_id, instance_id)
);

CREATE TABLE webhost_node (
    account_id   VARCHAR(256) NOT NULL,
    node_id      VARCHAR(256) NOT NULL,
    hosted_sites BIGINT       NOT NULL,
    CONSTRAINT pk_webhost_node PRIMARY KEY (account_id, node_id)
);

-- Raw usage, append-only; (account_id, event_id) is the idempotency key.
CREATE TABLE usage_event (
    account_id      VARCHAR(256)             NOT NULL,
    event_id        VARCHAR(256)             NOT NULL,
    instance_id     VARCHAR(256)             NOT NULL,
    occurred_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    tokens          BIGINT                   NOT NULL,
    requests        BIGINT                   NOT NULL,
    cost_micros     BIGINT                   NOT NULL,
    end_user_id     VARCHAR(256),
    conversation_id VARCHAR(256),
    CONSTRAINT pk_usage_event PRIMARY KEY (account_id, event_id),
    CONSTRAINT ck_usage_event_amounts CHECK (tokens >= 0 AND requests >= 0 AND cost_micros >= 0)
);

-- Rollup per account, UTC day and instance, kept in the append's transaction: every read sums these, so its cost
-- grows with days x instances, never with the number of events.
CREATE TABLE usage_daily (
    account_id  VARCHAR(256) NOT NULL,
    usage_day   DATE         NOT NULL,
    instance_id VARCHAR(256) NOT NULL,
    tokens      BIGINT       NOT NULL,
    requests    BIGINT       NOT NULL,
    cost_micros BIGINT       NOT NULL,
    CONSTRAINT pk_usage_daily PRIMARY KEY (account_id, usage_day, instance_id)
);

-- Distinct end users per account, UTC day and instance: a period's unique users is a COUNT(DISTINCT) over these.
CREATE TABLE usage_daily_end_user (
    account_id  VARCHAR(256) NOT NULL,
    usage_day   DATE         NOT NULL,
    instance_id VARCHAR(256) NOT NULL,
    end_user_id VARCHAR(256) NOT NULL,
    CONSTRAINT pk_usage_daily_end_user PRIMARY KEY (account_id, usage_day, instance_id, end_user_id)
);
