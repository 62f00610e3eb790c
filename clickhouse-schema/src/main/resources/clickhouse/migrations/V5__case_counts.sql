-- Counters as plain sums (issue 12): the job adds to them what each event changes in its case's counters (the
-- case's contribution after the event minus before it; docs/metrics.md, "Counters"), so a row is the sum of
-- additions for one local (Asia/Shanghai) day and one set of dimensions. SummingMergeTree adds rows of the same
-- key up on merge and drops rows whose counters are all zero; read with sum() and GROUP BY (no FINAL).
--
-- Exactly once: the job's exactly-once sink inserts each checkpoint's additions after the checkpoint completed,
-- each insert under a deduplication token kept in the checkpoint, so an insert repeated after a restart is
-- dropped; non_replicated_deduplication_window keeps the tokens of the last inserts (Replicated engines in the
-- cluster keep theirs in Keeper).
--
-- case_counts keeps the dimensions the API filters and groups by; case_counts_by_region the handling region and
-- cross-region mode only, for the province- and prefecture-level panels (a year is some 40,000 rows there).
CREATE TABLE IF NOT EXISTS ${database}.case_counts
(
    day                         Date,
    handling_province           LowCardinality(String),
    handling_prefecture         LowCardinality(String),
    handling_region             LowCardinality(String),
    agency_code                 LowCardinality(String),
    item_code                   LowCardinality(String),
    channel                     LowCardinality(String),
    cross_region_mode           LowCardinality(String),
    submitted                   Int64,
    submitted_completed         Int64,
    submitted_on_time           Int64,
    accepted                    Int64,
    not_accepted                Int64,
    revoked                     Int64,
    completed                   Int64,
    completed_on_time           Int64,
    completed_working_days      Int64,
    rated                       Int64,
    rated_good                  Int64,
    rated_neutral               Int64,
    rated_bad                   Int64,
    rated_defaulted             Int64,
    rated_bad_rectified         Int64,
    rated_bad_rectified_on_time Int64,
    rectified                   Int64,
    rectified_on_time           Int64
)
ENGINE = SummingMergeTree
PARTITION BY toYYYYMM(day)
ORDER BY (day, handling_prefecture, handling_region, agency_code, item_code, channel, cross_region_mode, handling_province)
SETTINGS non_replicated_deduplication_window = 10000;

CREATE TABLE IF NOT EXISTS ${database}.case_counts_by_region
(
    day                         Date,
    handling_province           LowCardinality(String),
    handling_prefecture         LowCardinality(String),
    handling_region             LowCardinality(String),
    cross_region_mode           LowCardinality(String),
    submitted                   Int64,
    submitted_completed         Int64,
    submitted_on_time           Int64,
    accepted                    Int64,
    not_accepted                Int64,
    revoked                     Int64,
    completed                   Int64,
    completed_on_time           Int64,
    completed_working_days      Int64,
    rated                       Int64,
    rated_good                  Int64,
    rated_neutral               Int64,
    rated_bad                   Int64,
    rated_defaulted             Int64,
    rated_bad_rectified         Int64,
    rated_bad_rectified_on_time Int64,
    rectified                   Int64,
    rectified_on_time           Int64
)
ENGINE = SummingMergeTree
PARTITION BY toYYYYMM(day)
ORDER BY (day, handling_prefecture, handling_region, cross_region_mode, handling_province)
SETTINGS non_replicated_deduplication_window = 10000;
