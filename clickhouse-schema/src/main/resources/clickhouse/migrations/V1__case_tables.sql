-- Case events, facts and warnings, written by the streaming job (com.xiaoneng.streaming).
-- ${database} is replaced by the migrator. Every statement is idempotent (IF NOT EXISTS).
-- Instants are DateTime64(3, 'UTC'); local (Asia/Shanghai) days are computed where needed.

-- One row per applied event. Replays insert the same row again: ReplacingMergeTree ordered by
-- (case_id, sequence) keeps one. Read with FINAL (SELECT ... FROM case_events FINAL).
-- Dimension columns carry the case's values at that event ('' when its CaseSubmitted was never seen);
-- payload is the event's data as JSON, the applicant id already a pseudonym.
CREATE TABLE IF NOT EXISTS ${database}.case_events
(
    event_id             UUID,
    case_id              String,
    sequence             UInt64,
    type                 LowCardinality(String),
    occurred_at          DateTime64(3, 'UTC'),
    recorded_at          DateTime64(3, 'UTC'),
    handling_region      LowCardinality(String),
    handling_prefecture  LowCardinality(String),
    handling_province    LowCardinality(String),
    accepting_region     LowCardinality(String),
    accepting_prefecture LowCardinality(String),
    accepting_province   LowCardinality(String),
    agency_code          LowCardinality(String),
    item_code            LowCardinality(String),
    channel              LowCardinality(String),
    cross_region_mode    LowCardinality(String),
    payload              String CODEC(ZSTD(3)),
    on_time              Nullable(UInt8),
    working_days         Nullable(UInt32),
    rating_score         Nullable(UInt8),
    rating_defaulted     Nullable(UInt8),
    rectified_on_time    Nullable(UInt8)
)
ENGINE = ReplacingMergeTree
PARTITION BY toYYYYMM(occurred_at)
ORDER BY (case_id, sequence);

-- Current state of each case: one row per change, version = sequence of the last applied event.
-- ReplacingMergeTree(version) keeps the newest; read with FINAL
-- (SELECT ... FROM case_facts FINAL WHERE ...), or argMax(column, version) GROUP BY case_id.
-- Unpartitioned on purpose: replacement only happens within a partition, and no column that a
-- case keeps for life is known from its first event on.
CREATE TABLE IF NOT EXISTS ${database}.case_facts
(
    case_id                      String,
    version                      UInt64,
    status                       LowCardinality(Nullable(String)),
    item_code                    LowCardinality(Nullable(String)),
    item_version                 Nullable(UInt32),
    item_name                    Nullable(String),
    item_type                    LowCardinality(Nullable(String)),
    agency_code                  LowCardinality(Nullable(String)),
    agency_name                  LowCardinality(Nullable(String)),
    handling_region              LowCardinality(Nullable(String)),
    handling_prefecture          LowCardinality(Nullable(String)),
    handling_province            LowCardinality(Nullable(String)),
    accepting_region             LowCardinality(Nullable(String)),
    accepting_prefecture         LowCardinality(Nullable(String)),
    accepting_province           LowCardinality(Nullable(String)),
    cross_region_mode            LowCardinality(Nullable(String)),
    channel                      LowCardinality(Nullable(String)),
    applicant_type               LowCardinality(Nullable(String)),
    applicant_pseudonym          Nullable(String),
    submitted_at                 Nullable(DateTime64(3, 'UTC')),
    accepted_at                  Nullable(DateTime64(3, 'UTC')),
    statutory_limit_days         Nullable(UInt16),
    promised_limit_days          Nullable(UInt16),
    -- after extensions and suspensions
    due_at                       Nullable(DateTime64(3, 'UTC')),
    due_provisional              UInt8,
    deficiency_correction_due_at Nullable(DateTime64(3, 'UTC')),
    corrected_at                 Nullable(DateTime64(3, 'UTC')),
    suspended                    UInt8,
    suspended_working_days       UInt16,
    extended_days                UInt16,
    not_accepted_at              Nullable(DateTime64(3, 'UTC')),
    revoked_at                   Nullable(DateTime64(3, 'UTC')),
    completed_at                 Nullable(DateTime64(3, 'UTC')),
    outcome                      LowCardinality(Nullable(String)),
    on_time                      Nullable(UInt8),
    -- acceptance day -> completion day, WorkingDayCalendar.workingDaysBetween (no calendar needed in SQL)
    working_days_to_complete     Nullable(UInt32),
    rating_score                 Nullable(UInt8),
    rating_defaulted             Nullable(UInt8),
    rated_at                     Nullable(DateTime64(3, 'UTC')),
    rectification_due_at         Nullable(DateTime64(3, 'UTC')),
    rectified_at                 Nullable(DateTime64(3, 'UTC')),
    rectified_on_time            Nullable(UInt8),
    last_event_at                DateTime64(3, 'UTC'),
    updated_at                   DateTime64(3, 'UTC')
)
ENGINE = ReplacingMergeTree(version)
ORDER BY case_id;

-- Supervision warnings, one per (case, level, due date). The job sends each once, but a restore
-- from a checkpoint may send one again: ReplacingMergeTree keyed on (case_id, level, due_at) keeps
-- one. warn_at is the rule's threshold (deterministic), emitted_at the wall clock. Read with FINAL.
CREATE TABLE IF NOT EXISTS ${database}.case_alerts
(
    case_id              String,
    level                LowCardinality(String),
    due_at               DateTime64(3, 'UTC'),
    warn_at              DateTime64(3, 'UTC'),
    emitted_at           DateTime64(3, 'UTC'),
    accepted_at          DateTime64(3, 'UTC'),
    allowed_working_days UInt16,
    handling_region      LowCardinality(Nullable(String)),
    handling_prefecture  LowCardinality(Nullable(String)),
    handling_province    LowCardinality(Nullable(String)),
    agency_code          LowCardinality(Nullable(String)),
    item_code            LowCardinality(Nullable(String))
)
ENGINE = ReplacingMergeTree
ORDER BY (case_id, level, due_at);
