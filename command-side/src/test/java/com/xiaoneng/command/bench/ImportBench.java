package com.xiaoneng.command.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.xiaoneng.command.CommandSideApplication;
import com.xiaoneng.localstack.kafka.KafkaBroker;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

import javax.sql.DataSource;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Bulk import benchmark (issue 7): starts an in-process Kafka broker (local-stack) and the command side on a
 * fresh embedded PostgreSQL with the Kafka publisher on, measures the plain REST path (N case lifecycles over
 * HTTP, as {@link CommandSideBench}), then streams an NDJSON history file to POST /api/import and prints
 * commands/s, how long the publisher took to put every stored event on Kafka, the re-run of the same file, and a
 * replay from the start (every stored event republished: the publisher's own rate, which the import's bounds before).
 * <p>
 * Arguments: FILE (the import file, e.g. from {@code import.sh generate}), REST cases (default 5000, four
 * commands each), clients (default 8). Not a test: a main in test scope. Fails only if a step fails.
 */
public final class ImportBench {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN = "Basic " + java.util.Base64.getEncoder().encodeToString("admin:admin-pass".getBytes());
    private static final String TOPIC = "case-events";

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        int restCases = args.length > 1 ? Integer.parseInt(args[1]) : 5_000;
        int clients = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        System.setProperty("axoniq.update-checker.disabled", "true");
        System.out.printf(Locale.ROOT, "java: %s, heap max %d MiB, processors %d%n", System.getProperty("java.runtime.version"),
                Runtime.getRuntime().maxMemory() >> 20, Runtime.getRuntime().availableProcessors());
        long fileLines;
        try (var lines = Files.lines(file)) {
            fileLines = lines.count();
        }
        System.out.printf(Locale.ROOT, "import file: %s, %,d lines, %,d bytes%n", file, fileLines, Files.size(file));

        Path dir = Files.createTempDirectory("import-bench");
        KafkaBroker kafka = KafkaBroker.start(dir.resolve("kafka"), CommandSideBench.freePort(), KafkaBroker.DEFAULT_TOPICS);
        ConfigurableApplicationContext app = new SpringApplicationBuilder(CommandSideApplication.class)
                .logStartupInfo(false)
                .run("--server.port=0",
                        "--xiaoneng.embedded-postgres.data-dir=" + dir.resolve("postgres"),
                        "--xiaoneng.embedded-postgres.port=" + CommandSideBench.freePort(),
                        // the test classpath's config/application.properties switches publishing off
                        "--xiaoneng.publishing.enabled=true",
                        "--xiaoneng.publishing.bootstrap-servers=" + kafka.bootstrapServers(),
                        "--xiaoneng.publishing.pseudonym-key-file=" + dir.resolve("pseudonym.key"),
                        // the automatic steps the import decides fire after this grace: later than the run
                        "--xiaoneng.rules.late-fact-grace=PT30M",
                        "--logging.level.root=WARN",
                        "--logging.level.com.xiaoneng.command.importing=INFO",
                        "--spring.main.banner-mode=off");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            String base = "http://127.0.0.1:" + app.getBean(Environment.class).getProperty("local.server.port");
            DataSource dataSource = app.getBean(DataSource.class);
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            HttpResponse<String> item = http.send(HttpRequest.newBuilder(URI.create(base + "/api/catalog/items/" + CommandSideBench.ITEM))
                    .header("Content-Type", "application/json").header("Authorization", ADMIN)
                    .PUT(HttpRequest.BodyPublishers.ofString(CommandSideBench.itemJson())).build(), HttpResponse.BodyHandlers.ofString());
            if (item.statusCode() >= 300) {
                throw new IllegalStateException("catalog item not created: " + item.body());
            }

            // --- the REST path, for comparison in the same run
            Instant origin = Instant.now().minus(3, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
            CommandSideBench.drive(base, origin, 0, 500, Math.min(clients, 500)).failIfAny();
            System.out.printf(Locale.ROOT, "%nload average before the REST run: %s%n", CommandSideBench.loadAverage());
            CommandSideBench.Run rest = CommandSideBench.drive(base, origin, 500, restCases, clients);
            rest.failIfAny();
            double restSeconds = rest.wallNanos / 1e9;
            System.out.println("== REST path: submit + accept + complete + rate per case, " + clients + " clients ==");
            System.out.printf(Locale.ROOT, "commands              %,d in %.2f s = %,.0f commands/s%n", rest.commands(),
                    restSeconds, rest.commands() / restSeconds);
            awaitPublished(admin, CommandSideBench.countEvents(dataSource), Duration.ofMinutes(10));

            // --- the import
            System.out.printf(Locale.ROOT, "%nload average before the import: %s%n", CommandSideBench.loadAverage());
            long eventsBefore = CommandSideBench.countEvents(dataSource);
            long begin = System.nanoTime();
            JsonNode report = importFile(http, base, file);
            double importSeconds = (System.nanoTime() - begin) / 1e9;
            long eventsStored = CommandSideBench.countEvents(dataSource) - eventsBefore;
            long publishedAtEnd = published(admin);
            String loadAfter = CommandSideBench.loadAverage();
            long allEvents = CommandSideBench.countEvents(dataSource);
            System.out.println("== POST /api/import ==");
            System.out.printf(Locale.ROOT, "lines %,d: applied %,d, duplicates %,d, rejected %,d; automatic steps scheduled %,d%n",
                    report.get("lines").asLong(), report.get("applied").asLong(), report.get("duplicates").asLong(),
                    report.get("rejected").asLong(), report.get("automaticSteps").asLong());
            report.get("rejections").forEach(r -> {
                if (r.get("line").asLong() <= 20) {
                    System.out.println("  rejected: " + r);
                }
            });
            System.out.printf(Locale.ROOT, "events stored         %,d%n", eventsStored);
            System.out.printf(Locale.ROOT, "wall time             %.1f s (request sent to answer, incl. deciding automatic steps)%n", importSeconds);
            System.out.printf(Locale.ROOT, "commands/s            %,.0f%n", report.get("lines").asLong() / importSeconds);
            System.out.printf(Locale.ROOT, "load average at end   %s%n", loadAfter);
            System.out.printf(Locale.ROOT, "Kafka publisher       %,d of %,d events on Kafka when the import answered%n", publishedAtEnd, allEvents);
            double caughtUp = awaitPublished(admin, allEvents, Duration.ofMinutes(20));
            System.out.printf(Locale.ROOT, "Kafka publisher       all on Kafka %.1f s after the answer (%,.0f events/s over import + catch-up)%n",
                    caughtUp, (allEvents - eventsBefore) / (importSeconds + caughtUp));

            // --- the same file again: nothing new
            long eventsBeforeRerun = CommandSideBench.countEvents(dataSource);
            begin = System.nanoTime();
            JsonNode again = importFile(http, base, file);
            double rerunSeconds = (System.nanoTime() - begin) / 1e9;
            System.out.println("== the same file again ==");
            System.out.printf(Locale.ROOT, "applied %,d, duplicates %,d, rejected %,d, events stored %,d, %.1f s = %,.0f lines/s%n",
                    again.get("applied").asLong(), again.get("duplicates").asLong(), again.get("rejected").asLong(),
                    CommandSideBench.countEvents(dataSource) - eventsBeforeRerun, rerunSeconds, again.get("lines").asLong() / rerunSeconds);

            // --- the publisher alone: a replay from the start republishes every stored event (the import's rate
            // bounds the figure above once the publisher keeps up with it)
            long onTopic = published(admin);
            long stored = CommandSideBench.countEvents(dataSource);
            System.out.printf(Locale.ROOT, "%nload average before the replay: %s%n", CommandSideBench.loadAverage());
            begin = System.nanoTime();
            HttpResponse<String> replay = http.send(HttpRequest.newBuilder(URI.create(base + "/api/admin/publisher/replay"))
                    .header("Content-Type", "application/json").header("Authorization", ADMIN)
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
            if (replay.statusCode() != 200) {
                throw new IllegalStateException("replay answered " + replay.statusCode() + ": " + replay.body());
            }
            awaitPublished(admin, onTopic + stored, Duration.ofMinutes(20));
            double replaySeconds = (System.nanoTime() - begin) / 1e9;
            System.out.println("== replay: the publisher alone ==");
            System.out.printf(Locale.ROOT, "republished %,d events in %.1f s = %,.0f events/s (load average at its end %s)%n",
                    stored, replaySeconds, stored / replaySeconds, CommandSideBench.loadAverage());
            System.out.printf(Locale.ROOT, "%nratio import / REST commands/s = %.1f%n",
                    (report.get("lines").asLong() / importSeconds) / (rest.commands() / restSeconds));
            System.out.printf(Locale.ROOT, "load average at the end: %s%n", CommandSideBench.loadAverage());
        } finally {
            app.close();
            kafka.close();
            CommandSideBench.deleteTree(dir);
        }
        System.exit(0);
    }

    static JsonNode importFile(HttpClient http, String base, Path file) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/api/import"))
                .header("Content-Type", "application/x-ndjson").header("Authorization", ADMIN)
                .timeout(Duration.ofHours(1))
                .POST(HttpRequest.BodyPublishers.ofFile(file)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("import answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    /** Records on the topic, summed over its partitions (every stored event is published once, barring retries). */
    static long published(Admin admin) throws Exception {
        int partitions = admin.describeTopics(java.util.List.of(TOPIC)).allTopicNames().get().get(TOPIC).partitions().size();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        IntStream.range(0, partitions).forEach(p -> latest.put(new TopicPartition(TOPIC, p), OffsetSpec.latest()));
        return admin.listOffsets(latest).all().get().values().stream().mapToLong(o -> o.offset()).sum();
    }

    /**
     * Waits until the topic holds {@code events} records; returns the seconds waited. (Counting the store while
     * waiting would scan a million rows a time and slow down the very publisher it watches.)
     */
    static double awaitPublished(Admin admin, long events, Duration limit) throws Exception {
        long begin = System.nanoTime();
        long deadline = begin + limit.toNanos();
        while (published(admin) < events) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the publisher did not catch up within " + limit);
            }
            Thread.sleep(250);
        }
        return (System.nanoTime() - begin) / 1e9;
    }
}
