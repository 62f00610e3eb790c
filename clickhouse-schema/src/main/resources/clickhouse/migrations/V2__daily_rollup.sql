-- Daily rollup for the dashboards: one row per local (Asia/Shanghai) day and dimensions, so that
-- period scoreboards over tens of millions of cases read thousands of rows instead of case_facts.
--
-- Why this shape: case_facts gets a new row at every change of a case, so a materialized view over
-- it would count a case once per change; and every table may receive the same event twice (at-least-
-- once delivery, replays, restores from a checkpoint). So the rollup is fed from case_events by the
-- events that count (CaseSubmitted, CaseCompleted, CaseRated, BadRatingRectified: each happens once in
-- a case's life, on the day it counts for) and stores idempotent aggregate states: uniqExact sets of
-- case ids instead of counters, and a maxMap from case-id hash to working days instead of a sum. A
-- duplicate event adds a case id that is already in the set, so replays never double-count.
--
-- Read with the -Merge combinators, e.g.
--   SELECT handling_prefecture, uniqExactMerge(completed) AS completed,
--          uniqExactMerge(completed_on_time) AS on_time,
--          arraySum(maxMapMerge(completed_working_days).2) / completed AS avg_working_days
--   FROM case_daily_rollup WHERE day BETWEEN '2025-01-01' AND '2025-03-31' GROUP BY handling_prefecture
-- (no FINAL needed: merging states is exact whether or not the parts were merged).
CREATE TABLE IF NOT EXISTS ${database}.case_daily_rollup
(
    day                    Date,
    handling_province      LowCardinality(String),
    handling_prefecture    LowCardinality(String),
    handling_region        LowCardinality(String),
    accepting_prefecture   LowCardinality(String),
    agency_code            LowCardinality(String),
    item_code              LowCardinality(String),
    channel                LowCardinality(String),
    cross_region_mode      LowCardinality(String),
    -- cases submitted that day
    submitted              AggregateFunction(uniqExact, String),
    -- cases completed that day, of them on time, and working days to complete per case
    completed              AggregateFunction(uniqExact, String),
    completed_on_time      AggregateFunction(uniqExact, String),
    completed_working_days AggregateFunction(maxMap, Array(UInt64), Array(UInt32)),
    -- ratings given that day (good 4-5, neutral 3, bad 1-2; defaulted = automatic 满意)
    rated                  AggregateFunction(uniqExact, String),
    rated_good             AggregateFunction(uniqExact, String),
    rated_neutral          AggregateFunction(uniqExact, String),
    rated_bad              AggregateFunction(uniqExact, String),
    rated_defaulted        AggregateFunction(uniqExact, String),
    -- bad ratings rectified that day, of them on time
    rectified              AggregateFunction(uniqExact, String),
    rectified_on_time      AggregateFunction(uniqExact, String)
)
ENGINE = AggregatingMergeTree
PARTITION BY toYYYYMM(day)
ORDER BY (day, handling_prefecture, handling_region, agency_code, item_code, channel, cross_region_mode,
          accepting_prefecture, handling_province);

CREATE MATERIALIZED VIEW IF NOT EXISTS ${database}.case_daily_rollup_mv TO ${database}.case_daily_rollup AS
SELECT
    toDate(occurred_at, 'Asia/Shanghai') AS day,
    handling_province,
    handling_prefecture,
    handling_region,
    accepting_prefecture,
    agency_code,
    item_code,
    channel,
    cross_region_mode,
    uniqExactStateIf(case_id, type = 'CaseSubmitted') AS submitted,
    uniqExactStateIf(case_id, type = 'CaseCompleted') AS completed,
    uniqExactStateIf(case_id, type = 'CaseCompleted' AND on_time = 1) AS completed_on_time,
    maxMapStateIf([sipHash64(case_id)], [toUInt32(ifNull(working_days, 0))],
                  type = 'CaseCompleted' AND working_days IS NOT NULL) AS completed_working_days,
    uniqExactStateIf(case_id, type = 'CaseRated') AS rated,
    uniqExactStateIf(case_id, type = 'CaseRated' AND rating_score >= 4) AS rated_good,
    uniqExactStateIf(case_id, type = 'CaseRated' AND rating_score = 3) AS rated_neutral,
    uniqExactStateIf(case_id, type = 'CaseRated' AND rating_score <= 2) AS rated_bad,
    uniqExactStateIf(case_id, type = 'CaseRated' AND rating_defaulted = 1) AS rated_defaulted,
    uniqExactStateIf(case_id, type = 'BadRatingRectified') AS rectified,
    uniqExactStateIf(case_id, type = 'BadRatingRectified' AND rectified_on_time = 1) AS rectified_on_time
FROM ${database}.case_events
WHERE type IN ('CaseSubmitted', 'CaseCompleted', 'CaseRated', 'BadRatingRectified')
GROUP BY day, handling_province, handling_prefecture, handling_region, accepting_prefecture, agency_code, item_code,
         channel, cross_region_mode;
