-- An id's last-day row holds the day bits of its current month (issue 22): a new (instance, end user) pair is one
-- row, one index entry and one upsert instead of two (the month row and the last-day row). The month rows then hold
-- the months an id has left and late days; a read over months counts the ids of both (docs/persistence.md,
-- "Ingesting many new end users").
--
-- usage_month / day_bits: the month (yyyymm) whose days the row holds, and those days, one bit per day as in the
-- month rows. The month is a column of its own rather than derived from last_day: a server of an older version
-- still running during a rolling deploy moves last_day without knowing these columns, and the bits must still be
-- read as the month they belong to. Such a server writes every day to the month rows itself, and inserts rows with
-- month 0 and no bits, which reads as no month.
-- prev_month / prev_bits: what the row held before the upsert that wrote it (PostgreSQL's RETURNING shows only the
-- row as written): when it moved to a later month, the month it left and its bits, which then go to the month rows.
ALTER TABLE end_user_last_day ADD COLUMN usage_month INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE end_user_last_day ADD COLUMN day_bits BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE end_user_last_day ADD COLUMN prev_month INTEGER;
ALTER TABLE end_user_last_day ADD COLUMN prev_bits BIGINT;

ALTER TABLE instance_end_user_last_day ADD COLUMN usage_month INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE instance_end_user_last_day ADD COLUMN day_bits BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE instance_end_user_last_day ADD COLUMN prev_month INTEGER;
ALTER TABLE instance_end_user_last_day ADD COLUMN prev_bits BIGINT;

ALTER TABLE conversation_last_day ADD COLUMN usage_month INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE conversation_last_day ADD COLUMN day_bits BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE conversation_last_day ADD COLUMN prev_month INTEGER;
ALTER TABLE conversation_last_day ADD COLUMN prev_bits BIGINT;

-- Fill them from the month rows of each id's last day's month, so that stored data reads the same. Nothing is
-- deleted: those month rows keep their bits too (an id counted in both is counted once), and an older server
-- still reading only the month rows during the deploy finds what it found before.
UPDATE end_user_last_day
SET usage_month = last_day / 100,
    day_bits = COALESCE((SELECT m.day_bits FROM usage_month_end_user m
                         WHERE m.account_id = end_user_last_day.account_id
                           AND m.usage_month = end_user_last_day.last_day / 100
                           AND m.end_user_id = end_user_last_day.end_user_id), 0);

UPDATE instance_end_user_last_day
SET usage_month = last_day / 100,
    day_bits = COALESCE((SELECT m.day_bits FROM usage_month_instance_end_user m
                         WHERE m.account_id = instance_end_user_last_day.account_id
                           AND m.usage_month = instance_end_user_last_day.last_day / 100
                           AND m.instance_id = instance_end_user_last_day.instance_id
                           AND m.end_user_id = instance_end_user_last_day.end_user_id), 0);

UPDATE conversation_last_day
SET usage_month = last_day / 100,
    day_bits = COALESCE((SELECT m.day_bits FROM usage_month_conversation m
                         WHERE m.account_id = conversation_last_day.account_id
                           AND m.usage_month = conversation_last_day.last_day / 100
                           AND m.conversation_id = conversation_last_day.conversation_id), 0);
