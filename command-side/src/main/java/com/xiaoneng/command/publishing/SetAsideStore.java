package com.xiaoneng.command.publishing;

import org.axonframework.eventhandling.DomainEventMessage;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/**
 * The publisher's set-aside events in PostgreSQL. {@link #add} runs inside the processor's batch transaction,
 * so the row and the token that moves past the event commit together.
 */
public class SetAsideStore {
    /** Kafka's and our reasons are short; this only keeps a surprising one from filling the table. */
    private static final int REASON_LENGTH = 2000;
    private static final String COLUMNS = "event_id, case_id, sequence_number, event_type, global_index, rule, reason, "
            + "set_aside_at, republished_at";
    private static final RowMapper<SetAsideEvent> ROW = (rs, i) -> new SetAsideEvent(rs.getString("event_id"),
            rs.getString("case_id"), rs.getLong("sequence_number"), rs.getString("event_type"),
            rs.getObject("global_index", Long.class), rs.getString("rule"), rs.getString("reason"),
            rs.getObject("set_aside_at", OffsetDateTime.class).toInstant(),
            Optional.ofNullable(rs.getObject("republished_at", OffsetDateTime.class)).map(OffsetDateTime::toInstant).orElse(null));

    private final JdbcTemplate jdbc;

    public SetAsideStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Which rows a listing shows. */
    public enum State {
        SET_ASIDE("republished_at IS NULL"), REPUBLISHED("republished_at IS NOT NULL"), ALL("TRUE");

        private final String condition;

        State(String condition) {
            this.condition = condition;
        }
    }

    /** One page of a listing, newest first, and how many rows the listing has in all. */
    public record Page(int page, int size, long total, List<SetAsideEvent> items) {
    }

    /** Sets an event aside; one set aside again (a replay) takes the new reason and counts as not republished. */
    void add(DomainEventMessage<?> message, Long globalIndex, RefusedRecordException refusal) {
        jdbc.update("INSERT INTO publish_set_aside (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, now(), NULL) "
                        + "ON CONFLICT (event_id) DO UPDATE SET global_index = EXCLUDED.global_index, rule = EXCLUDED.rule, "
                        + "reason = EXCLUDED.reason, set_aside_at = EXCLUDED.set_aside_at, republished_at = NULL",
                message.getIdentifier(), message.getAggregateIdentifier(), message.getSequenceNumber(),
                message.getPayloadType().getSimpleName(), globalIndex, refusal.rule(), clip(refusal.getMessage()));
    }

    public Page list(State state, int page, int size) {
        long total = jdbc.queryForObject("SELECT count(*) FROM publish_set_aside WHERE " + state.condition, Long.class);
        List<SetAsideEvent> items = jdbc.query("SELECT " + COLUMNS + " FROM publish_set_aside WHERE " + state.condition
                + " ORDER BY set_aside_at DESC, global_index DESC NULLS LAST, event_id LIMIT ? OFFSET ?",
                ROW, size, (long) page * size);
        return new Page(page, size, total, items);
    }

    public Optional<SetAsideEvent> find(String eventId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM publish_set_aside WHERE event_id = ?", ROW, eventId).stream().findFirst();
    }

    void republished(String eventId) {
        jdbc.update("UPDATE publish_set_aside SET republished_at = now() WHERE event_id = ?", eventId);
    }

    /** A republish was refused again: the row keeps the latest reason (the broker's limit may have changed). */
    void refusedAgain(String eventId, RefusedRecordException refusal) {
        jdbc.update("UPDATE publish_set_aside SET rule = ?, reason = ? WHERE event_id = ?",
                refusal.rule(), clip(refusal.getMessage()), eventId);
    }

    private static String clip(String reason) {
        return reason.length() <= REASON_LENGTH ? reason : reason.substring(0, REASON_LENGTH);
    }
}
