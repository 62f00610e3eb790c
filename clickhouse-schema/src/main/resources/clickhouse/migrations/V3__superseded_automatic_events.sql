-- Schema version 2 events (docs/events.md): an automatic event that a late-recorded fact cancels.
-- DefaultRatingSuperseded: the applicant's own rating, given in time, replaces the automatic 满意.
-- AcceptanceReinstated: a correction made in time reverses the automatic revocation. Metrics must
-- count neither the superseded default nor the reversed revocation, and replays must give the same.
--
-- case_events gets two columns, written by the job for every row:
--   rating_key     identifies a rating in the rollup's sets: the case id for a case's first rating (as
--                  every rating was keyed before this version, so rollup rows written earlier stay
--                  valid), '<case_id>/2' for the real rating that replaced a default (a case is rated
--                  once, and a default is replaced at most once). A DefaultRatingSuperseded row carries
--                  the key of the default it cancels (the case id). '' on other rows.
--   supersedes_at  occurredAt of the automatic event cancelled: the default rating's (DefaultRatingSuperseded,
--                  = supersededRatedAt) or the revocation's (AcceptanceReinstated, = revokedAt).
-- Rows written before this version read rating_key through its DEFAULT, which is the key they were
-- counted under.
ALTER TABLE ${database}.case_events
    ADD COLUMN IF NOT EXISTS rating_key String DEFAULT if(type = 'CaseRated', case_id, '');

ALTER TABLE ${database}.case_events
    ADD COLUMN IF NOT EXISTS supersedes_at Nullable(DateTime64(3, 'UTC'));

-- rated_superseded: on the superseded default's own day and dimensions, the key the default was
-- counted under in rated, rated_good and rated_defaulted. A default is always 4 (满意), so it never
-- was in rated_neutral or rated_bad. Read, for any period and grouping:
--   ratings   = uniqExactMerge(rated)           - uniqExactMerge(rated_superseded)
--   good      = uniqExactMerge(rated_good)      - uniqExactMerge(rated_superseded)
--   defaulted = uniqExactMerge(rated_defaulted) - uniqExactMerge(rated_superseded)
--   neutral   = uniqExactMerge(rated_neutral),  bad = uniqExactMerge(rated_bad)
-- Exact: a key in rated_superseded is in rated (and rated_good, rated_defaulted) on the same day
-- with the same dimensions, so whatever the filter, the default is subtracted exactly where it was
-- counted; the real rating counts on its own day under its own key '<case_id>/2'. A repeated row adds
-- a key already there, so replays change nothing.
ALTER TABLE ${database}.case_daily_rollup
    ADD COLUMN IF NOT EXISTS rated_superseded AggregateFunction(uniqExact, String) AFTER rated_defaulted;

-- The view is replaced (ClickHouse cannot alter a view's query). The job applies migrations before it
-- starts writing, so no insert falls between the two statements.
DROP VIEW IF EXISTS ${database}.case_daily_rollup_mv;

CREATE MATERIALIZED VIEW IF NOT EXISTS ${database}.case_daily_rollup_mv TO ${database}.case_daily_rollup AS
SELECT
    -- a superseded default is subtracted on the default's own day, not on the real rating's
    toDate(if(type = 'DefaultRatingSuperseded', assumeNotNull(supersedes_at), occurred_at), 'Asia/Shanghai') AS day,
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
    uniqExactStateIf(rating_key, type = 'CaseRated') AS rated,
    uniqExactStateIf(rating_key, type = 'CaseRated' AND rating_score >= 4) AS rated_good,
    uniqExactStateIf(rating_key, type = 'CaseRated' AND rating_score = 3) AS rated_neutral,
    uniqExactStateIf(rating_key, type = 'CaseRated' AND rating_score <= 2) AS rated_bad,
    uniqExactStateIf(rating_key, type = 'CaseRated' AND rating_defaulted = 1) AS rated_defaulted,
    uniqExactStateIf(rating_key, type = 'DefaultRatingSuperseded') AS rated_superseded,
    uniqExactStateIf(case_id, type = 'BadRatingRectified') AS rectified,
    uniqExactStateIf(case_id, type = 'BadRatingRectified' AND rectified_on_time = 1) AS rectified_on_time
FROM ${database}.case_events
WHERE type IN ('CaseSubmitted', 'CaseCompleted', 'CaseRated', 'DefaultRatingSuperseded', 'BadRatingRectified')
GROUP BY day, handling_province, handling_prefecture, handling_region, accepting_prefecture, agency_code, item_code,
         channel, cross_region_mode;
