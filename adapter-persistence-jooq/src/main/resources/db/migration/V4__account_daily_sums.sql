-- The account's sums per UTC day, all instances together: what the overview's totals and the chart without an
-- instance read, one row per day where usage_daily has one per day and instance (560 rows for a 28-day period of 20
-- instances; the overview is read on every page view). Kept in the same transaction as usage_daily.
CREATE TABLE usage_account_daily (
    account_id  VARCHAR(256) NOT NULL,
    usage_day   DATE         NOT NULL,
    tokens      BIGINT       NOT NULL,
    requests    BIGINT       NOT NULL,
    cost_micros BIGINT       NOT NULL,
    CONSTRAINT pk_usage_account_daily PRIMARY KEY (account_id, usage_day)
);

INSERT INTO usage_account_daily (account_id, usage_day, tokens, requests, cost_micros)
SELECT account_id, usage_day, SUM(tokens), SUM(requests), SUM(cost_micros)
FROM usage_daily
GROUP BY account_id, usage_day;
