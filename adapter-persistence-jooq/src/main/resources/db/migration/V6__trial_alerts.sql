-- Trial events (API §8): which of a subscription's trial events were queued, so each is sent once. A table of its
-- own, keyed like subscription, rather than columns of subscription: the subscription upsert never has to know it.
-- A subscription without a row has neither event marked.
CREATE TABLE trial_alert (
    account_id      VARCHAR(256) NOT NULL,
    subscription_id VARCHAR(256) NOT NULL,
    will_end_done   BOOLEAN      NOT NULL,
    expired_done    BOOLEAN      NOT NULL,
    CONSTRAINT pk_trial_alert PRIMARY KEY (account_id, subscription_id)
);

-- The scheduler's pass reads trials by their end.
CREATE INDEX ix_subscription_trial_ends_at ON subscription (trial_ends_at);

-- Trials whose events came due before this version existed are marked, or the first start after the upgrade would
-- send an expiry for every trial that ever ended. The warning is marked for trials ending within the default
-- window (3 days): it would already have been due.
INSERT INTO trial_alert (account_id, subscription_id, will_end_done, expired_done)
SELECT account_id, subscription_id, TRUE, trial_ends_at <= CURRENT_TIMESTAMP
  FROM subscription
 WHERE trial_ends_at IS NOT NULL AND trial_ends_at <= CURRENT_TIMESTAMP + INTERVAL '3' DAY;
