-- Bad ratings unrectified past their rectification limit as a running sum (docs/metrics.md,
-- "case_rectification_overdue_changes"), as V6 keeps open overdue: each bad rating in force adds +1 at its limit
-- + 1 ms and -1 when it is rectified after that, under the rating's local day, so the number unrectified past the
-- limit at an instant, of the ratings given in a range of days, is sum(rectification_overdue) over the rows up to
-- the instant. Written by the job's exactly-once sink (same deduplication window as the other sums). A deployment
-- upgraded from V8 fills it with the other sums from case_facts (RebuildCounts, docs/metrics.md "Upgrade").
CREATE TABLE IF NOT EXISTS ${database}.case_rectification_overdue_changes
(
    rated_day             Date,
    at                    DateTime64(3, 'UTC'),
    handling_province     LowCardinality(String),
    handling_prefecture   LowCardinality(String),
    handling_region       LowCardinality(String),
    agency_code           LowCardinality(String),
    item_code             LowCardinality(String),
    channel               LowCardinality(String),
    cross_region_mode     LowCardinality(String),
    rectification_overdue Int64
)
ENGINE = SummingMergeTree
PARTITION BY toYear(rated_day)
ORDER BY (rated_day, at, handling_prefecture, handling_region, agency_code, item_code, channel, cross_region_mode,
          handling_province)
SETTINGS non_replicated_deduplication_window = 10000;
