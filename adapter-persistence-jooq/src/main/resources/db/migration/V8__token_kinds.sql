-- What an LLM call consumed (issue 21): the model and the token kinds of each event, stored with the raw event, and
-- rolled up so that by_model, the chart in any time zone or for one model, and the export read rollup rows only.
-- A "no model" event is rolled up under model '' (a model is 1-128 characters, so '' is never one): primary key
-- columns cannot be NULL. The grain and what it costs are in docs/persistence.md ("Token kinds, models and local days").

ALTER TABLE usage_event ADD COLUMN model VARCHAR(256);
ALTER TABLE usage_event ADD COLUMN input_tokens BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE usage_event ADD COLUMN output_tokens BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE usage_event ADD COLUMN cached_input_tokens BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE usage_event ADD COLUMN cache_write_tokens BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE usage_event ADD COLUMN reasoning_tokens BIGINT DEFAULT 0 NOT NULL;

-- The UTC-day sums gain the token kinds, so a UTC day of the export is read from them like the chart's. Events
-- stored before this version reported no kinds: 0 is their true sum.
ALTER TABLE usage_account_daily ADD COLUMN input_tokens BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE usage_account_daily ADD COLUMN output_tokens BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE usage_account_daily ADD COLUMN cached_input_tokens BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE usage_account_daily ADD COLUMN cache_write_tokens BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE usage_account_daily ADD COLUMN reasoning_tokens BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE usage_daily ADD COLUMN input_tokens BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE usage_daily ADD COLUMN output_tokens BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE usage_daily ADD COLUMN cached_input_tokens BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE usage_daily ADD COLUMN cache_write_tokens BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE usage_daily ADD COLUMN reasoning_tokens BIGINT DEFAULT 0 NOT NULL;

-- Per account, UTC day and model: by_model of a period (whole UTC days), and a UTC chart or export of one model.
CREATE TABLE usage_model_daily (
    account_id          VARCHAR(256) NOT NULL,
    usage_day           DATE         NOT NULL,
    model               VARCHAR(256) NOT NULL,
    tokens              BIGINT       NOT NULL,
    input_tokens        BIGINT       NOT NULL,
    output_tokens       BIGINT       NOT NULL,
    cached_input_tokens BIGINT       NOT NULL,
    cache_write_tokens  BIGINT       NOT NULL,
    reasoning_tokens    BIGINT       NOT NULL,
    requests            BIGINT       NOT NULL,
    cost_micros         BIGINT       NOT NULL,
    CONSTRAINT pk_usage_model_daily PRIMARY KEY (account_id, usage_day, model)
);

-- Per account and 15-minute UTC bucket (quarter_hour = epoch seconds / 900): every local day of every zone since
-- 1980 is a run of whole buckets, so these answer a chart or export in any zone, all instances and models together.
CREATE TABLE usage_quarter_hour (
    account_id          VARCHAR(256) NOT NULL,
    quarter_hour        BIGINT       NOT NULL,
    tokens              BIGINT       NOT NULL,
    input_tokens        BIGINT       NOT NULL,
    output_tokens       BIGINT       NOT NULL,
    cached_input_tokens BIGINT       NOT NULL,
    cache_write_tokens  BIGINT       NOT NULL,
    reasoning_tokens    BIGINT       NOT NULL,
    requests            BIGINT       NOT NULL,
    cost_micros         BIGINT       NOT NULL,
    CONSTRAINT pk_usage_quarter_hour PRIMARY KEY (account_id, quarter_hour)
);

-- Per account, model and bucket: a chart of one model is one range of the key; the second index serves an export
-- grouped by model (all models of a range of buckets).
CREATE TABLE usage_model_quarter_hour (
    account_id          VARCHAR(256) NOT NULL,
    model               VARCHAR(256) NOT NULL,
    quarter_hour        BIGINT       NOT NULL,
    tokens              BIGINT       NOT NULL,
    input_tokens        BIGINT       NOT NULL,
    output_tokens       BIGINT       NOT NULL,
    cached_input_tokens BIGINT       NOT NULL,
    cache_write_tokens  BIGINT       NOT NULL,
    reasoning_tokens    BIGINT       NOT NULL,
    requests            BIGINT       NOT NULL,
    cost_micros         BIGINT       NOT NULL,
    CONSTRAINT pk_usage_model_quarter_hour PRIMARY KEY (account_id, model, quarter_hour)
);
CREATE INDEX ix_usage_model_quarter_hour_bucket ON usage_model_quarter_hour (account_id, quarter_hour);

-- Per account, instance, bucket and model: a chart of one instance (of one model, too) is one range of the key; the
-- second index serves an export grouped by instance.
CREATE TABLE usage_instance_quarter_hour (
    account_id          VARCHAR(256) NOT NULL,
    instance_id         VARCHAR(256) NOT NULL,
    quarter_hour        BIGINT       NOT NULL,
    model               VARCHAR(256) NOT NULL,
    tokens              BIGINT       NOT NULL,
    input_tokens        BIGINT       NOT NULL,
    output_tokens       BIGINT       NOT NULL,
    cached_input_tokens BIGINT       NOT NULL,
    cache_write_tokens  BIGINT       NOT NULL,
    reasoning_tokens    BIGINT       NOT NULL,
    requests            BIGINT       NOT NULL,
    cost_micros         BIGINT       NOT NULL,
    CONSTRAINT pk_usage_instance_quarter_hour PRIMARY KEY (account_id, instance_id, quarter_hour, model)
);
CREATE INDEX ix_usage_instance_quarter_hour_bucket ON usage_instance_quarter_hour (account_id, quarter_hour);

-- The events stored before this version: no model, no token kinds.
INSERT INTO usage_model_daily (account_id, usage_day, model, tokens, input_tokens, output_tokens,
                               cached_input_tokens, cache_write_tokens, reasoning_tokens, requests, cost_micros)
SELECT account_id, usage_day, '', tokens, 0, 0, 0, 0, 0, requests, cost_micros
FROM usage_account_daily;

INSERT INTO usage_instance_quarter_hour (account_id, instance_id, quarter_hour, model, tokens, input_tokens,
                                         output_tokens, cached_input_tokens, cache_write_tokens, reasoning_tokens,
                                         requests, cost_micros)
SELECT account_id, instance_id, quarter_hour, '', SUM(tokens), 0, 0, 0, 0, 0, SUM(requests), SUM(cost_micros)
FROM (SELECT account_id, instance_id, CAST(FLOOR(EXTRACT(EPOCH FROM occurred_at) / 900) AS BIGINT) AS quarter_hour,
             tokens, requests, cost_micros
      FROM usage_event) AS e
GROUP BY account_id, instance_id, quarter_hour;

INSERT INTO usage_quarter_hour (account_id, quarter_hour, tokens, input_tokens, output_tokens, cached_input_tokens,
                                cache_write_tokens, reasoning_tokens, requests, cost_micros)
SELECT account_id, quarter_hour, SUM(tokens), 0, 0, 0, 0, 0, SUM(requests), SUM(cost_micros)
FROM usage_instance_quarter_hour
GROUP BY account_id, quarter_hour;

INSERT INTO usage_model_quarter_hour (account_id, model, quarter_hour, tokens, input_tokens, output_tokens,
                                      cached_input_tokens, cache_write_tokens, reasoning_tokens, requests, cost_micros)
SELECT account_id, '', quarter_hour, tokens, 0, 0, 0, 0, 0, requests, cost_micros
FROM usage_quarter_hour;
