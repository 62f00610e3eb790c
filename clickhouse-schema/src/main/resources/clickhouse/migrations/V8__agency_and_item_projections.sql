-- Panels and metrics keyed by agency or item read case_counts, whose key also holds the item, the channel and the
-- agency: a row per day and combination, nearly a row per case when items and channels vary (12.1M rows for 10M
-- cases in bench/query). Aggregate projections keep the same sums without the dimensions such a query does not
-- need; ClickHouse picks one when a query's filters and keys fit it, else reads the table (same numbers either
-- way). by_item keeps the prefecture but not the county or the mode: an item is offered province-wide, so those
-- would multiply its rows (2.9M instead of 966,000 in bench/query), and the item panels filter by prefecture.
-- A merge of summed rows rebuilds the projection of the merged part ('rebuild'; ClickHouse refuses projections on
-- a SummingMergeTree or ReplacingMergeTree without that choice). A counter added later is not in
-- these projections: a query summing it reads the table until the projection is dropped and added again.
ALTER TABLE ${database}.case_counts MODIFY SETTING deduplicate_merge_projection_mode = 'rebuild';

ALTER TABLE ${database}.case_counts ADD PROJECTION IF NOT EXISTS by_agency
(
    SELECT day, handling_province, handling_prefecture, handling_region, agency_code, cross_region_mode,
        sum(submitted), sum(submitted_completed), sum(submitted_on_time), sum(submitted_working_days),
        sum(accepted), sum(not_accepted), sum(revoked), sum(completed), sum(completed_on_time),
        sum(completed_working_days), sum(rated), sum(rated_good), sum(rated_neutral), sum(rated_bad),
        sum(rated_defaulted), sum(rated_very_good), sum(rated_very_bad), sum(rated_bad_rectified),
        sum(rated_bad_rectified_on_time), sum(rectified), sum(rectified_on_time), sum(became_overdue),
        sum(overdue_ended)
    GROUP BY day, handling_province, handling_prefecture, handling_region, agency_code, cross_region_mode
);

ALTER TABLE ${database}.case_counts ADD PROJECTION IF NOT EXISTS by_item
(
    SELECT day, handling_province, handling_prefecture, item_code,
        sum(submitted), sum(submitted_completed), sum(submitted_on_time), sum(submitted_working_days),
        sum(accepted), sum(not_accepted), sum(revoked), sum(completed), sum(completed_on_time),
        sum(completed_working_days), sum(rated), sum(rated_good), sum(rated_neutral), sum(rated_bad),
        sum(rated_defaulted), sum(rated_very_good), sum(rated_very_bad), sum(rated_bad_rectified),
        sum(rated_bad_rectified_on_time), sum(rectified), sum(rectified_on_time), sum(became_overdue),
        sum(overdue_ended)
    GROUP BY day, handling_province, handling_prefecture, item_code
);

-- The names of agency and item codes (the counters carry codes only): a few hundred rows instead of a pass over
-- case_facts. Any name of the code, as before; no FINAL (a query with FINAL cannot use a projection).
ALTER TABLE ${database}.case_facts MODIFY SETTING deduplicate_merge_projection_mode = 'rebuild';

ALTER TABLE ${database}.case_facts ADD PROJECTION IF NOT EXISTS agency_names
(
    SELECT agency_code, any(agency_name) GROUP BY agency_code
);

ALTER TABLE ${database}.case_facts ADD PROJECTION IF NOT EXISTS item_names
(
    SELECT item_code, any(item_name), any(item_type) GROUP BY item_code
);

-- Rows written before this migration get the projections too (a mutation; minutes on a large table).
ALTER TABLE ${database}.case_counts MATERIALIZE PROJECTION by_agency;

ALTER TABLE ${database}.case_counts MATERIALIZE PROJECTION by_item;

ALTER TABLE ${database}.case_facts MATERIALIZE PROJECTION agency_names;

ALTER TABLE ${database}.case_facts MATERIALIZE PROJECTION item_names;
