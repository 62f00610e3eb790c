package com.xiaoneng.command.importing;

import com.xiaoneng.command.cases.AutomaticSteps;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The import's own tables (V4__import.sql). Each call is one statement over a whole batch (arrays and
 * unnest), so a batch of a thousand lines costs a handful of round trips.
 */
@Component
class ImportStore {
    private static final HexFormat HEX = HexFormat.of();

    private final JdbcClient jdbc;

    ImportStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Line hashes (hex) stored under the given keys. */
    Map<String, String> knownKeys(Collection<String> keys) {
        Map<String, String> known = new HashMap<>();
        if (keys.isEmpty()) {
            return known;
        }
        jdbc.sql("SELECT line_key, encode(line_hash, 'hex') FROM import_line WHERE line_key = ANY(?::varchar[])")
                .param(keys.toArray(String[]::new))
                .query(rs -> {
                    known.put(rs.getString(1), rs.getString(2));
                });
        return known;
    }

    /** Which of these case ids already have events. */
    Set<String> existingCases(Collection<String> caseIds) {
        Set<String> existing = new HashSet<>();
        if (caseIds.isEmpty()) {
            return existing;
        }
        jdbc.sql("SELECT aggregate_identifier FROM domain_event_entry WHERE sequence_number = 0"
                        + " AND aggregate_identifier = ANY(?::varchar[])")
                .param(caseIds.toArray(String[]::new))
                .query(rs -> {
                    existing.add(rs.getString(1));
                });
        return existing;
    }

    record AppliedLine(String key, String hashHex, String caseId) {
    }

    void saveKeys(List<AppliedLine> lines) {
        if (lines.isEmpty()) {
            return;
        }
        jdbc.sql("INSERT INTO import_line (line_key, line_hash, case_id)"
                        + " SELECT k, decode(h, 'hex'), c FROM unnest(?::varchar[], ?::text[], ?::varchar[]) AS t(k, h, c)")
                .params(lines.stream().map(AppliedLine::key).toArray(String[]::new),
                        lines.stream().map(AppliedLine::hashHex).toArray(String[]::new),
                        lines.stream().map(AppliedLine::caseId).toArray(String[]::new))
                .update();
    }

    /**
     * Records what each touched case waits for as of this batch (one row per case, replaced by later batches;
     * both times null when it waits for nothing). One upsert on the primary key: a DELETE of the settled cases
     * by {@code = ANY(array)} was planned as a scan of the whole, growing table and took a third of an import.
     */
    void savePending(Collection<AutomaticSteps.Pending> touched) {
        if (touched.isEmpty()) {
            return;
        }
        jdbc.sql("INSERT INTO import_pending_case (case_id, correction_due_at, rating_due_at)"
                        + " SELECT c, a::timestamptz, b::timestamptz FROM unnest(?::varchar[], ?::text[], ?::text[]) AS t(c, a, b)"
                        + " ON CONFLICT (case_id) DO UPDATE SET correction_due_at = EXCLUDED.correction_due_at,"
                        + " rating_due_at = EXCLUDED.rating_due_at")
                .params(touched.stream().map(AutomaticSteps.Pending::caseId).toArray(String[]::new),
                        touched.stream().map(p -> text(p.correctionDueAt())).toArray(String[]::new),
                        touched.stream().map(p -> text(p.ratingDueAt())).toArray(String[]::new))
                .update();
    }

    /** Removes and returns the pending rows of these cases (or up to {@code limit} rows of any case when null). */
    List<AutomaticSteps.Pending> takePending(Collection<String> caseIds, int limit) {
        String which = caseIds == null
                ? "SELECT case_id FROM import_pending_case LIMIT " + limit + " FOR UPDATE SKIP LOCKED"
                : "SELECT case_id FROM import_pending_case WHERE case_id = ANY(?::varchar[]) FOR UPDATE SKIP LOCKED";
        var statement = jdbc.sql("DELETE FROM import_pending_case WHERE case_id IN (" + which + ")"
                + " RETURNING case_id, correction_due_at, rating_due_at");
        if (caseIds != null) {
            statement = statement.param(caseIds.toArray(String[]::new));
        }
        return statement.query((rs, n) -> new AutomaticSteps.Pending(rs.getString(1), instant(rs.getTimestamp(2)),
                instant(rs.getTimestamp(3)))).list();
    }

    static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
