package com.xiaoneng.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.xiaoneng.calendar.WorkingDayCalendar;
import com.xiaoneng.chdb.ClickHouseEndpoint;
import com.xiaoneng.demo.importer.CatalogFile;
import com.xiaoneng.demo.importer.HistoryGenerator;
import com.xiaoneng.demo.importer.ImportResult;
import com.xiaoneng.demo.importer.Importer;
import com.xiaoneng.demo.simulator.Planner;
import com.xiaoneng.demo.simulator.Profile;
import com.xiaoneng.streaming.testing.ClickHouse;
import com.xiaoneng.streaming.testing.Counts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 7 §3: a generated history of 100,000+ lines (import.sh generate) imported through the command side's
 * fat jar with the streaming importer (import.sh run); once the pipeline has caught up, the ClickHouse totals equal
 * those computed from the file alone: what the lines say, plus the automatic steps the history lacks (the default
 * 满意 for every completed case without a rating line, the revocation of every 容缺受理 without a correction line:
 * all of their deadlines lie in the past).
 */
class ImportToClickHouseIT {
    static final String DB = "xn_import";
    static final ObjectMapper JSON = new ObjectMapper();
    static final Duration STALL = Duration.ofSeconds(90);
    static final int CASES = 26_500;

    /** Kept when the test fails: command-side.log is in it. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path dir;
    static Pipeline pipeline;
    static ClickHouseEndpoint clickHouse;
    static CommandSide commandSide;

    @BeforeAll
    static void start() throws Exception {
        pipeline = Pipeline.start(dir, DB);
        clickHouse = pipeline.clickHouse;
        // as on a first start: the sample catalog the generator plans with
        commandSide = pipeline.commandSide("2s", Map.of("xiaoneng.catalog.seed-sample", "true",
                "xiaoneng.publishing.pseudonym-secret", "import-secret-0123456789abcdef"));
        pipeline.job("import", "--clickhouse-flush-interval", "0.5s", "--checkpoint-interval", "2s");
    }

    @AfterAll
    static void stop() throws Exception {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    /**
     * What the file amounts to, in the order of {@link #FACTS}: cases submitted, accepted, not accepted, completed,
     * revoked, ratings 1..5 in force, of them defaulted, rectified; then the counters' ratings, good, neutral, bad,
     * defaulted, and their submitted, completed, rectified.
     */
    static Map<String, String> expected(Path file) throws Exception {
        Set<String> submitted = new HashSet<>();
        Set<String> accepted = new HashSet<>();
        Set<String> withDeficiency = new HashSet<>();
        Set<String> corrected = new HashSet<>();
        Set<String> notAccepted = new HashSet<>();
        Set<String> completed = new HashSet<>();
        Set<String> rectified = new HashSet<>();
        Map<String, Integer> scores = new HashMap<>();
        Instant last = Instant.MIN;
        try (BufferedReader lines = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                JsonNode json = JSON.readTree(line);
                String caseId = json.path("caseId").asText();
                String command = json.path("command").asText();
                Instant at = OffsetDateTime.parse(json.path(command.equals("submit") ? "submittedAt" : "at").asText()).toInstant();
                last = at.isAfter(last) ? at : last;
                switch (command) {
                    case "submit" -> submitted.add(caseId);
                    case "accept" -> {
                        accepted.add(caseId);
                        if (json.has("deficiency")) {
                            withDeficiency.add(caseId);
                        }
                    }
                    case "not-accept" -> notAccepted.add(caseId);
                    case "correct" -> corrected.add(caseId);
                    case "complete" -> completed.add(caseId);
                    case "rate" -> scores.put(caseId, json.path("score").asInt());
                    case "rectify-rating" -> rectified.add(caseId);
                    default -> {
                        // suspend, resume, extend: no total of their own here
                    }
                }
            }
        }
        // every automatic deadline of this history is long past: 5 working days after the last completion
        assertThat(WorkingDayCalendar.shipped().addWorkingDays(WorkingDayCalendar.localDay(last), 5).instant())
                .isBefore(Instant.now());
        long defaulted = completed.stream().filter(id -> !scores.containsKey(id)).count();
        long[] byScore = new long[6];
        scores.values().forEach(score -> byScore[score]++);
        byScore[4] += defaulted;
        Set<String> revoked = new HashSet<>(withDeficiency);
        revoked.removeAll(corrected);
        long ratings = byScore[1] + byScore[2] + byScore[3] + byScore[4] + byScore[5];
        Map<String, String> totals = new LinkedHashMap<>();
        totals.put("facts", String.join("\t", List.of(String.valueOf(submitted.size()), String.valueOf(accepted.size()),
                String.valueOf(notAccepted.size()), String.valueOf(completed.size()), String.valueOf(revoked.size()),
                String.valueOf(byScore[1]), String.valueOf(byScore[2]), String.valueOf(byScore[3]),
                String.valueOf(byScore[4]), String.valueOf(byScore[5]), String.valueOf(defaulted),
                String.valueOf(rectified.size()))));
        totals.put("ratings", ratings + "\t" + (byScore[4] + byScore[5]) + "\t" + byScore[3] + "\t"
                + (byScore[1] + byScore[2]) + "\t" + defaulted);
        totals.put("counts", submitted.size() + "\t" + completed.size() + "\t" + rectified.size());
        return totals;
    }

    static final String FACTS = "SELECT count(), countIf(accepted_at IS NOT NULL), countIf(not_accepted_at IS NOT NULL),"
            + " countIf(completed_at IS NOT NULL), countIf(status = 'REVOKED'), countIf(rating_score = 1),"
            + " countIf(rating_score = 2), countIf(rating_score = 3), countIf(rating_score = 4), countIf(rating_score = 5),"
            + " countIf(rating_defaulted = 1), countIf(rectified_at IS NOT NULL) FROM " + DB + ".case_facts FINAL";

    static final String COUNTS = "SELECT sum(submitted), sum(completed), sum(rectified) FROM " + DB + ".case_counts";

    /**
     * Polls {@code query} until it answers {@code expected}; gives up when the answer has not changed for
     * {@link #STALL} (the pipeline stopped short of it), then compares. On a busy machine the ~110,000 events take
     * minutes to go through publisher, Kafka, Flink and ClickHouse; only a stop is a failure.
     */
    static void eventually(String what, Callable<String> query, String expected) throws Exception {
        String seen = query.call();
        long stalledSince = System.nanoTime();
        while (!seen.equals(expected) && System.nanoTime() - stalledSince < STALL.toNanos()) {
            Thread.sleep(2000);
            String now = query.call();
            if (!now.equals(seen)) {
                stalledSince = System.nanoTime();
                seen = now;
            }
        }
        assertThat(seen).as(what).isEqualTo(expected);
    }

    @Test
    void clickHouseTotalsEqualTheFile() throws Exception {
        Planner planner = new Planner(CatalogFile.read(Path.of("..").resolve(CatalogFile.SAMPLE)), Profile.DEFAULT,
                WorkingDayCalendar.shipped());
        Path file = dir.resolve("history.ndjson");
        HistoryGenerator.Summary generated;
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            generated = new HistoryGenerator(planner, 7, LocalDate.of(2025, 1, 1), LocalDate.of(2025, 12, 31), CASES,
                    HistoryGenerator.endOf(LocalDate.of(2025, 12, 31))).write(out);
        }
        assertThat(generated.lines()).isBetween(100_000L, 105_000L);
        Map<String, String> expected = expected(file);

        Importer importer = new Importer(commandSide.url(), "admin", "admin-pass", null, false);
        ImportResult result = importer.run(file);
        assertThat(result.rejections()).isEmpty();
        assertThat(result.lines()).isEqualTo(generated.lines());
        assertThat(result.applied()).isEqualTo(generated.lines());
        System.out.printf("import of %,d lines: %.0f commands/s%n", result.lines(), result.linesPerSecond());

        try (Connection connection = ClickHouse.connect(clickHouse)) {
            eventually(FACTS, () -> String.join("\n", ClickHouse.rows(connection, FACTS)), expected.get("facts"));
            // facts and counters are written by separate sinks: each catches up on its own
            eventually("counted ratings", () -> ClickHouse.countedRatings(connection, DB, "2025-01-01", "2026-12-31"),
                    expected.get("ratings"));
            eventually(COUNTS, () -> String.join("\n", ClickHouse.rows(connection, COUNTS)), expected.get("counts"));
            assertThat(Counts.mismatches(connection, DB)).isEmpty();
            assertThat(ClickHouse.factsRatings(connection, DB, "2025-01-01", "2026-12-31")).isEqualTo(expected.get("ratings"));
        }

        // the same file again stores nothing new
        ImportResult again = importer.run(file);
        assertThat(again.duplicates()).isEqualTo(generated.lines());
        assertThat(again.applied()).isZero();
        try (Connection connection = ClickHouse.connect(clickHouse)) {
            assertThat(ClickHouse.rows(connection, FACTS)).containsExactly(expected.get("facts"));
        }
    }
}
