-- Cluster variant of ../migrations/V4__wider_day_sums.sql: the shard-local table, then its Distributed table.
ALTER TABLE ${database}.case_facts_local ON CLUSTER '{cluster}'
    MODIFY COLUMN suspended_working_days UInt32,
    MODIFY COLUMN extended_days UInt32;

ALTER TABLE ${database}.case_facts ON CLUSTER '{cluster}'
    MODIFY COLUMN suspended_working_days UInt32,
    MODIFY COLUMN extended_days UInt32;
