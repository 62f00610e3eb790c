-- Events the Kafka publisher set aside because their record was refused for the record itself (larger than
-- the contract's Bounds.MAX_EVENT_BYTES or the broker's limit, unreadable, not serializable), instead of retrying
-- them forever. Written in the publisher's batch transaction, so the processor's token moves past the event; the
-- event stays in domain_event_entry. Listed and republished through /api/admin/publisher/set-aside.
CREATE TABLE publish_set_aside (
    event_id        VARCHAR(255)             NOT NULL PRIMARY KEY,
    case_id         VARCHAR(255)             NOT NULL,
    sequence_number BIGINT                   NOT NULL,
    event_type      VARCHAR(255)             NOT NULL,
    global_index    BIGINT,
    rule            VARCHAR(64)              NOT NULL,
    reason          VARCHAR(2000)            NOT NULL,
    set_aside_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    republished_at  TIMESTAMP WITH TIME ZONE
);
CREATE INDEX publish_set_aside_listing_idx ON publish_set_aside (set_aside_at DESC);
