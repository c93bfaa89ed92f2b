-- Issue 21's zoned chart within 2x of the UTC chart: per account and UTC day, the sums of aligned blocks of the
-- day's quarter hours, so that the quarter hours of a UTC day before any local midnight (its first k, 0 < k < 96)
-- are at most 6 rows, one per bit of k, instead of k rows. Block block_end holds the day's quarter hours
-- [block_end - lowbit(block_end), block_end), lowbit being the largest power of two dividing block_end (a Fenwick
-- tree's node, the day seen as the first 96 of 128 quarter hours); the first k quarter hours are the blocks k,
-- k - lowbit(k), ... down to 0. Kept: blocks 1 to 95 and 128, the whole day, so a zoned chart reads this table
-- alone. A quarter hour is in at most 8 blocks. docs/persistence.md, "How a local day is read".
-- They replace usage_quarter_hour (per account and quarter hour), which only that chart read: an append writes as
-- many statements as before.
CREATE TABLE usage_day_block (
    account_id          VARCHAR(256) NOT NULL,
    block_end           INTEGER      NOT NULL,
    usage_day           DATE         NOT NULL,
    tokens              BIGINT       NOT NULL,
    input_tokens        BIGINT       NOT NULL,
    output_tokens       BIGINT       NOT NULL,
    cached_input_tokens BIGINT       NOT NULL,
    cache_write_tokens  BIGINT       NOT NULL,
    reasoning_tokens    BIGINT       NOT NULL,
    requests            BIGINT       NOT NULL,
    cost_micros         BIGINT       NOT NULL,
    CONSTRAINT pk_usage_day_block PRIMARY KEY (account_id, block_end, usage_day)
);

-- The usage stored before this version: each day whole, and each block's quarter hours of each day summed.
INSERT INTO usage_day_block (account_id, block_end, usage_day, tokens, input_tokens, output_tokens,
                             cached_input_tokens, cache_write_tokens, reasoning_tokens, requests, cost_micros)
SELECT account_id, 128, usage_day, tokens, input_tokens, output_tokens, cached_input_tokens, cache_write_tokens,
       reasoning_tokens, requests, cost_micros
FROM usage_account_daily;

INSERT INTO usage_day_block (account_id, block_end, usage_day, tokens, input_tokens, output_tokens,
                             cached_input_tokens, cache_write_tokens, reasoning_tokens, requests, cost_micros)
SELECT q.account_id, b.block_end, DATE '1970-01-01' + CAST(q.quarter_hour / 96 AS INTEGER), SUM(q.tokens),
       SUM(q.input_tokens), SUM(q.output_tokens), SUM(q.cached_input_tokens), SUM(q.cache_write_tokens),
       SUM(q.reasoning_tokens), SUM(q.requests), SUM(q.cost_micros)
FROM usage_quarter_hour q
JOIN (SELECT block_end, block_end - CASE WHEN MOD(block_end, 64) = 0 THEN 64 WHEN MOD(block_end, 32) = 0 THEN 32
                                         WHEN MOD(block_end, 16) = 0 THEN 16 WHEN MOD(block_end, 8) = 0 THEN 8
                                         WHEN MOD(block_end, 4) = 0 THEN 4 WHEN MOD(block_end, 2) = 0 THEN 2
                                         ELSE 1 END AS block_start
      FROM (SELECT units.n + 10 * tens.n AS block_end
            FROM (VALUES (0), (1), (2), (3), (4), (5), (6), (7), (8), (9)) AS units (n),
                 (VALUES (0), (1), (2), (3), (4), (5), (6), (7), (8), (9)) AS tens (n)) AS ends
      WHERE block_end BETWEEN 1 AND 95) AS b
  ON MOD(q.quarter_hour, 96) >= b.block_start AND MOD(q.quarter_hour, 96) < b.block_end
GROUP BY q.account_id, b.block_end, q.quarter_hour / 96;

DROP TABLE usage_quarter_hour;
