package com.xiaoneng.command.idempotency;

import com.fasterxml.jackson.databind.JsonNode;
import com.xiaoneng.command.CommandSideApplication;
import com.xiaoneng.command.idempotency.KeyedHttp.Reply;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command side SIGKILLed during a burst of keyed submits (issue 10): a separate JVM on a PostgreSQL that
 * this test runs (and so outlives the kill), started again on the same database. Every request retried with its
 * key then returns its first answer or applies once: one case per key, no claim left behind.
 */
class IdempotencyCrashTest {
    private static final int THREADS = 6;
    /** Answers before the kill: the burst is well under way, and THREADS requests are in flight. */
    private static final int ANSWERS_BEFORE_KILL = 40;
    private static final Pattern STARTED = Pattern.compile("Tomcat started on port (\\d+)");

    static EmbeddedPostgres postgres;
    static Path workDir;
    static Process app;

    @BeforeAll
    static void startPostgres() throws IOException {
        workDir = Files.createTempDirectory("idempotency-crash");
        postgres = EmbeddedPostgres.builder().setDataDirectory(workDir.resolve("postgres")).start();
    }

    @AfterAll
    static void stop() throws IOException {
        if (app != null) {
            app.destroyForcibly();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    /** One keyed submit of the burst, with the answer it got before the kill (null: none came). */
    record Attempt(String key, String applicantId, Reply answer) {
    }

    @Test
    void everyKeyedRequestKilledMidBurstAppliesOnceOnRetry() throws Exception {
        KeyedHttp http = startApp("first");
        http.putItem();

        Queue<Attempt> attempts = new ConcurrentLinkedQueue<>();
        AtomicInteger answered = new AtomicInteger();
        AtomicInteger sequence = new AtomicInteger();
        AtomicBoolean killed = new AtomicBoolean();
        List<Thread> senders = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            Thread sender = new Thread(() -> {
                while (!killed.get()) {
                    String key = "crash-" + sequence.incrementAndGet();
                    String applicant = key + "-applicant";
                    try {
                        Reply reply = http.post("agency", "/api/cases", KeyedHttp.submit(applicant, "650102"), key);
                        attempts.add(new Attempt(key, applicant, reply));
                        answered.incrementAndGet();
                    } catch (IOException | InterruptedException gone) {
                        attempts.add(new Attempt(key, applicant, null));
                        return;
                    }
                }
            }, "burst-" + t);
            sender.start();
            senders.add(sender);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (answered.get() < ANSWERS_BEFORE_KILL && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        killed.set(true);
        app.destroyForcibly();
        assertThat(app.waitFor(30, TimeUnit.SECONDS)).isTrue();
        for (Thread sender : senders) {
            sender.join(TimeUnit.SECONDS.toMillis(40));
        }
        List<Attempt> burst = List.copyOf(attempts);
        List<Attempt> unanswered = burst.stream().filter(a -> a.answer() == null).toList();
        assertThat(burst).filteredOn(a -> a.answer() != null).hasSizeGreaterThanOrEqualTo(ANSWERS_BEFORE_KILL)
                .allSatisfy(a -> assertThat(a.answer().status()).as(a.answer().raw()).isEqualTo(201));
        assertThat(unanswered).as("requests in flight at the kill").isNotEmpty();

        KeyedHttp restarted = startApp("second");
        Map<String, String> caseIds = new HashMap<>();
        int stored = 0;
        for (Attempt attempt : burst) {
            Reply retry = restarted.post("agency", "/api/cases", KeyedHttp.submit(attempt.applicantId(), "650102"), attempt.key());
            assertThat(retry.status()).as(attempt.key() + ": " + retry.raw()).isEqualTo(201);
            if (attempt.answer() != null) {
                assertThat(retry.replayed()).as(attempt.key()).isTrue();
                assertThat(retry.body()).isEqualTo(attempt.answer().body());
            } else if (retry.replayed()) {
                stored++;
            }
            caseIds.put(attempt.applicantId(), retry.caseId());
        }
        System.out.printf("crash test: %d keyed submits, %d answered before the kill, %d in flight: %d of them had"
                + " been stored (replayed), %d applied by the retry%n", burst.size(), burst.size() - unanswered.size(),
                unanswered.size(), stored, unanswered.size() - stored);

        assertThat(submittedCases()).as("one case per key, the one its retry answered").isEqualTo(caseIds);
        assertThat(count("SELECT count(*) FROM idempotent_request WHERE status IS NULL")).as("claims left").isZero();
        assertThat(count("SELECT count(*) FROM idempotent_request WHERE idempotency_key LIKE 'crash-%'")).isEqualTo(burst.size());
    }

    /** Starts the command side in its own JVM on the test's PostgreSQL; the previous one must be gone. */
    static KeyedHttp startApp(String name) throws Exception {
        Path log = workDir.resolve(name + ".log");
        app = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                CommandSideApplication.class.getName(),
                "--server.port=0",
                "--server.address=127.0.0.1",
                "--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"),
                "--xiaoneng.catalog.seed-sample=false",
                "--xiaoneng.publishing.enabled=false",
                "--xiaoneng.rules.default-rating-days=0")
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            Matcher started = STARTED.matcher(Files.readString(log));
            if (started.find()) {
                return new KeyedHttp(Integer.parseInt(started.group(1)));
            }
            if (!app.isAlive()) {
                break;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("command side did not start:\n" + Files.readString(log));
    }

    /** Applicant id → case id of every CaseSubmitted stored; fails on an applicant with two cases. */
    static Map<String, String> submittedCases() throws Exception {
        Map<String, String> cases = new HashMap<>();
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT aggregate_identifier, convert_from(payload, 'UTF8')"
                     + " FROM domain_event_entry WHERE payload_type LIKE '%CaseSubmitted'")) {
            while (rows.next()) {
                JsonNode payload = KeyedHttp.JSON.readTree(rows.getString(2));
                String previous = cases.put(payload.get("applicantId").asText(), rows.getString(1));
                assertThat(previous).as("second case for " + payload.get("applicantId")).isNull();
            }
        }
        return cases;
    }

    static int count(String sql) throws Exception {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getInt(1);
        }
    }
}
