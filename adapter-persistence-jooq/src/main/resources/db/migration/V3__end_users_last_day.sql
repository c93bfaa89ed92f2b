-- The unique end users of a current period, read from as many rows as the period has days (per instance: days x
-- instances), however many users there are. V2's month rows made a period read one row per user and month, and per
-- instance one per instance-user pair and month: 40,000 rows for 20 instances and 1,000 users over two months.
--
-- Each end user has one row holding the last UTC day it was seen, and a count of users is kept per last day. A user
-- was seen in a period after which no stored event of the account lies exactly when its last day falls in the
-- period, so such a period's unique users are the counts of its days. Any other period (a past one, or the current
-- one when a user has already been seen after its end, as an event up to 5 minutes ahead may be) still counts from
-- the month rows. Days are stored as yyyymmdd integers (20260331), as V2 stores months.

-- The last day of each end user of an account, and per instance.
CREATE TABLE end_user_last_day (
    account_id  VARCHAR(256) NOT NULL,
    end_user_id VARCHAR(256) NOT NULL,
    last_day    INTEGER      NOT NULL,
    -- what last_day was before its latest move: PostgreSQL's RETURNING shows only the row as written, and a move has
    -- to take the user off the count of the day it leaves
    prev_day    INTEGER,
    CONSTRAINT pk_end_user_last_day PRIMARY KEY (account_id, end_user_id)
);

CREATE TABLE instance_end_user_last_day (
    account_id  VARCHAR(256) NOT NULL,
    instance_id VARCHAR(256) NOT NULL,
    end_user_id VARCHAR(256) NOT NULL,
    last_day    INTEGER      NOT NULL,
    prev_day    INTEGER,
    CONSTRAINT pk_instance_end_user_last_day PRIMARY KEY (account_id, instance_id, end_user_id)
);

-- How many end users have each last day; keyed by day first, so a period is one range of the key.
CREATE TABLE end_users_by_last_day (
    account_id VARCHAR(256) NOT NULL,
    last_day   INTEGER      NOT NULL,
    users      BIGINT       NOT NULL,
    CONSTRAINT pk_end_users_by_last_day PRIMARY KEY (account_id, last_day)
);

CREATE TABLE instance_end_users_by_last_day (
    account_id  VARCHAR(256) NOT NULL,
    last_day    INTEGER      NOT NULL,
    instance_id VARCHAR(256) NOT NULL,
    users       BIGINT       NOT NULL,
    CONSTRAINT pk_instance_end_users_by_last_day PRIMARY KEY (account_id, last_day, instance_id)
);

-- Carry over what the month rows hold: a user's last day on an instance is its latest month's highest day bit
-- there (bit d-1 is day d; spelled out as comparisons, which both engines compute exactly), and its last day in the
-- account the latest of those, every end user's event being on some instance.
INSERT INTO instance_end_user_last_day (account_id, instance_id, end_user_id, last_day)
SELECT account_id, instance_id, end_user_id, MAX(usage_month * 100 + CASE
                WHEN day_bits >= 1073741824 THEN 31
                WHEN day_bits >= 536870912 THEN 30
                WHEN day_bits >= 268435456 THEN 29
                WHEN day_bits >= 134217728 THEN 28
                WHEN day_bits >= 67108864 THEN 27
                WHEN day_bits >= 33554432 THEN 26
                WHEN day_bits >= 16777216 THEN 25
                WHEN day_bits >= 8388608 THEN 24
                WHEN day_bits >= 4194304 THEN 23
                WHEN day_bits >= 2097152 THEN 22
                WHEN day_bits >= 1048576 THEN 21
                WHEN day_bits >= 524288 THEN 20
                WHEN day_bits >= 262144 THEN 19
                WHEN day_bits >= 131072 THEN 18
                WHEN day_bits >= 65536 THEN 17
                WHEN day_bits >= 32768 THEN 16
                WHEN day_bits >= 16384 THEN 15
                WHEN day_bits >= 8192 THEN 14
                WHEN day_bits >= 4096 THEN 13
                WHEN day_bits >= 2048 THEN 12
                WHEN day_bits >= 1024 THEN 11
                WHEN day_bits >= 512 THEN 10
                WHEN day_bits >= 256 THEN 9
                WHEN day_bits >= 128 THEN 8
                WHEN day_bits >= 64 THEN 7
                WHEN day_bits >= 32 THEN 6
                WHEN day_bits >= 16 THEN 5
                WHEN day_bits >= 8 THEN 4
                WHEN day_bits >= 4 THEN 3
                WHEN day_bits >= 2 THEN 2
                WHEN day_bits >= 1 THEN 1
           END)
FROM usage_month_instance_end_user
GROUP BY account_id, instance_id, end_user_id;

INSERT INTO end_user_last_day (account_id, end_user_id, last_day)
SELECT account_id, end_user_id, MAX(last_day)
FROM instance_end_user_last_day
GROUP BY account_id, end_user_id;

INSERT INTO end_users_by_last_day (account_id, last_day, users)
SELECT account_id, last_day, COUNT(*)
FROM end_user_last_day
GROUP BY account_id, last_day;

INSERT INTO instance_end_users_by_last_day (account_id, last_day, instance_id, users)
SELECT account_id, last_day, instance_id, COUNT(*)
FROM instance_end_user_last_day
GROUP BY account_id, last_day, instance_id;
