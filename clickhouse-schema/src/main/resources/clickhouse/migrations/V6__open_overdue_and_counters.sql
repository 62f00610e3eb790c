-- Open overdue as a running sum (issue 12; docs/metrics.md, "Open overdue"): each case adds +1 at the instant it
-- becomes open and overdue and -1 at the instant it stops being so (completed or revoked), so the number open
-- overdue at any instant is sum(open_overdue) over the rows up to it. A case completed in time adds nothing.
-- Rows are kept to the millisecond, as the case_facts query compares instants; only cases that were ever overdue
-- have rows. Written by the job's exactly-once sink, as case_counts (same deduplication window).
CREATE TABLE IF NOT EXISTS ${database}.case_overdue_changes
(
    at                  DateTime64(3, 'UTC'),
    handling_province   LowCardinality(String),
    handling_prefecture LowCardinality(String),
    handling_region     LowCardinality(String),
    agency_code         LowCardinality(String),
    item_code           LowCardinality(String),
    channel             LowCardinality(String),
    cross_region_mode   LowCardinality(String),
    open_overdue        Int64
)
ENGINE = SummingMergeTree
PARTITION BY toYear(at)
ORDER BY (at, handling_prefecture, handling_region, agency_code, item_code, channel, cross_region_mode, handling_province)
SETTINGS non_replicated_deduplication_window = 10000;

-- More counters, so that every panel reads sums: the working days of the cases submitted on a day (the
-- cross-region modes' average, by submission), scores 5 and 1 (with good, neutral and bad: the distribution), and
-- the days cases became and stopped being open overdue (the daily sums of case_overdue_changes: open overdue at an
-- instant is these over the days before it plus that day's changes up to it, a few rows instead of all).
-- Rows a V5 job wrote hold 0 here: rebuild the sums after the upgrade (docs/metrics.md, "Upgrade").
ALTER TABLE ${database}.case_counts
    ADD COLUMN IF NOT EXISTS submitted_working_days Int64 AFTER submitted_on_time,
    ADD COLUMN IF NOT EXISTS rated_very_good Int64 AFTER rated_defaulted,
    ADD COLUMN IF NOT EXISTS rated_very_bad Int64 AFTER rated_very_good,
    ADD COLUMN IF NOT EXISTS became_overdue Int64,
    ADD COLUMN IF NOT EXISTS overdue_ended Int64;

ALTER TABLE ${database}.case_counts_by_region
    ADD COLUMN IF NOT EXISTS submitted_working_days Int64 AFTER submitted_on_time,
    ADD COLUMN IF NOT EXISTS rated_very_good Int64 AFTER rated_defaulted,
    ADD COLUMN IF NOT EXISTS rated_very_bad Int64 AFTER rated_very_good,
    ADD COLUMN IF NOT EXISTS became_overdue Int64,
    ADD COLUMN IF NOT EXISTS overdue_ended Int64;
