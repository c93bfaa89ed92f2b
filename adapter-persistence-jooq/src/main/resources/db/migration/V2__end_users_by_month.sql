-- Distinct end users kept as one row per end user and calendar month, with a bit per UTC day of that month
-- (bit d-1 set: seen on day d), instead of one row per day, instance and user. A period's unique users then reads
-- users x months rows, where the daily table made it read users x instances x days, which is nearly one row per
-- event when end users talk to many instances. A period is whole UTC days, so it is a mask over one or more months.
-- usage_month is year * 100 + month (202603 for March 2026): plain integers, the same on both engines.

-- Per account: the overview's unique_end_users.
CREATE TABLE usage_month_end_user (
    account_id  VARCHAR(256) NOT NULL,
    usage_month INTEGER      NOT NULL,
    end_user_id VARCHAR(256) NOT NULL,
    day_bits    BIGINT       NOT NULL,
    CONSTRAINT pk_usage_month_end_user PRIMARY KEY (account_id, usage_month, end_user_id)
);

-- Per account and instance: unique_end_users of each instance.
CREATE TABLE usage_month_instance_end_user (
    account_id  VARCHAR(256) NOT NULL,
    usage_month INTEGER      NOT NULL,
    instance_id VARCHAR(256) NOT NULL,
    end_user_id VARCHAR(256) NOT NULL,
    day_bits    BIGINT       NOT NULL,
    CONSTRAINT pk_usage_month_instance_end_user PRIMARY KEY (account_id, usage_month, instance_id, end_user_id)
);

-- Carry over what the daily table holds. Each day's bit is a distinct power of two, so the sum of the distinct bits
-- of a group is their OR (portable, where bit-or aggregates are not).
INSERT INTO usage_month_end_user (account_id, usage_month, end_user_id, day_bits)
SELECT account_id,
       CAST(EXTRACT(YEAR FROM usage_day) * 100 + EXTRACT(MONTH FROM usage_day) AS INTEGER),
       end_user_id,
       SUM(DISTINCT CAST(POWER(2, EXTRACT(DAY FROM usage_day) - 1) AS BIGINT))
FROM usage_daily_end_user
GROUP BY account_id, CAST(EXTRACT(YEAR FROM usage_day) * 100 + EXTRACT(MONTH FROM usage_day) AS INTEGER),
         end_user_id;

INSERT INTO usage_month_instance_end_user (account_id, usage_month, instance_id, end_user_id, day_bits)
SELECT account_id,
       CAST(EXTRACT(YEAR FROM usage_day) * 100 + EXTRACT(MONTH FROM usage_day) AS INTEGER),
       instance_id,
       end_user_id,
       SUM(DISTINCT CAST(POWER(2, EXTRACT(DAY FROM usage_day) - 1) AS BIGINT))
FROM usage_daily_end_user
GROUP BY account_id, CAST(EXTRACT(YEAR FROM usage_day) * 100 + EXTRACT(MONTH FROM usage_day) AS INTEGER),
         instance_id, end_user_id;

DROP TABLE usage_daily_end_user;
