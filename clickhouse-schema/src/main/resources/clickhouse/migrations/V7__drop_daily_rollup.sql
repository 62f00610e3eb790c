-- Every metric and panel reads the counters (V5, V6) now: the rollup of uniqExact sets goes, and with its
-- materialized view the cost it added to every insert into case_events.
DROP VIEW IF EXISTS ${database}.case_daily_rollup_mv;

DROP TABLE IF EXISTS ${database}.case_daily_rollup;
