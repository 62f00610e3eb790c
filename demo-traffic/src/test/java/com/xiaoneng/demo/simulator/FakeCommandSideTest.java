package com.xiaoneng.demo.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HTTP behaviour against a stand-in command side: credentials, Idempotency-Keys, per-case order, the bound
 * on concurrent requests, races counted as such, replays on a re-run, and live mode's rate.
 */
class FakeCommandSideTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String AGENCY = "Basic " + Base64.getEncoder().encodeToString("agency:agency-pass".getBytes(StandardCharsets.UTF_8));
    static final String ADMIN = "Basic " + Base64.getEncoder().encodeToString("admin:admin-pass".getBytes(StandardCharsets.UTF_8));

    record Received(String caseId, int step, Step.Kind kind, Instant at, String auth, boolean replayed) {
    }

    HttpServer server;
    final List<Received> received = Collections.synchronizedList(new ArrayList<>());
    final Map<String, String> answered = new ConcurrentHashMap<>();
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger maxInFlight = new AtomicInteger();
    final AtomicInteger puts = new AtomicInteger();
    final AtomicInteger ratings = new AtomicInteger();

    @BeforeEach
    void start() throws IOException {
        // without it the JDK server's separate header and body writes meet delayed ACKs: 40 ms per request
        System.setProperty("sun.net.httpserver.nodelay", "true");
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(16));
        server.createContext("/api/catalog/items", this::catalog);
        server.createContext("/api/cases", this::cases);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    Config config() {
        return Config.fromEnvironment().withCommandUrl(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
                .withClients(4).withOut(null);
    }

    void catalog(HttpExchange exchange) throws IOException {
        if (exchange.getRequestMethod().equals("PUT")) {
            assertThat(exchange.getRequestHeaders().getFirst("Authorization")).isEqualTo(ADMIN);
            exchange.getRequestBody().readAllBytes();
            puts.incrementAndGet();
            reply(exchange, 201, "{}", false);
        } else {
            reply(exchange, 200, CommandClient.json(SampleCatalog.items()), false);
        }
    }

    void cases(HttpExchange exchange) throws IOException {
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        String answer;
        boolean replayed;
        try {
            JsonNode body = JSON.readTree(exchange.getRequestBody());
            String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
            String[] path = exchange.getRequestURI().getPath().split("/");
            Step.Kind kind = path.length == 3 ? Step.Kind.SUBMIT
                    : Step.Kind.valueOf(path[4].replace("-rating", "").replace('-', '_').toUpperCase());
            String caseId = path.length == 3 ? body.get("caseId").asText() : path[3];
            Instant at = OffsetDateTime.parse(body.get(kind == Step.Kind.SUBMIT ? "submittedAt" : "at").asText()).toInstant();
            String previous = answered.get(key);
            replayed = previous != null;
            received.add(new Received(caseId, Integer.parseInt(key.substring(key.lastIndexOf('-') + 1)), kind, at,
                    exchange.getRequestHeaders().getFirst("Authorization"), replayed));
            Thread.sleep(2);
            answer = replayed ? previous
                    : kind == Step.Kind.RATE && ratings.incrementAndGet() % 10 == 0
                    ? "409{\"status\":409,\"rule\":\"rating.already-given\"}"
                    : "200{\"caseId\":\"" + caseId + "\"}";
            answered.put(key, answer);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } finally {
            // before the answer leaves: the client may send its next request as soon as it has it
            inFlight.decrementAndGet();
        }
        reply(exchange, Integer.parseInt(answer.substring(0, 3)), answer.substring(3), replayed);
    }

    static void reply(HttpExchange exchange, int status, String body, boolean replayed) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        if (replayed) {
            exchange.getResponseHeaders().add("Idempotent-Replayed", "true");
        }
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    /** Each case's requests arrive in step order with business times that never go back. */
    void assertPerCaseOrder(List<Received> requests) {
        Map<String, List<Received>> byCase = requests.stream()
                .collect(Collectors.groupingBy(Received::caseId, java.util.LinkedHashMap::new, Collectors.toList()));
        byCase.forEach((caseId, steps) -> {
            for (int i = 0; i < steps.size(); i++) {
                assertThat(steps.get(i).step()).as(caseId).isEqualTo(i);
                if (i > 0) {
                    assertThat(steps.get(i).at()).as(caseId).isAfterOrEqualTo(steps.get(i - 1).at());
                }
            }
            assertThat(steps.get(0).kind()).isEqualTo(Step.Kind.SUBMIT);
        });
    }

    @Test
    void backfillSendsEachCaseInOrderAndARerunIsReplayed() throws Exception {
        Config config = config().withPeriod(LocalDate.of(2025, 4, 1), LocalDate.of(2025, 4, 14), 12);
        Stats first = CaseSimulator.backfill(config).await();

        assertThat(puts.get()).isEqualTo(CatalogItem.missingClones(SampleCatalog.items()).size());
        List<Received> requests = List.copyOf(received);
        assertThat(requests).hasSize((int) first.sent());
        // 2025-04-04..06 is the Qingming holiday: 9 working days, 5 others at a quarter
        assertThat(first.casesDone()).isEqualTo(9 * 12 + 5 * 3);
        assertThat(requests).allSatisfy(r -> assertThat(r.auth()).isEqualTo(AGENCY));
        assertThat(requests).noneMatch(Received::replayed);
        assertPerCaseOrder(requests);
        assertThat(maxInFlight.get()).isLessThanOrEqualTo(4);
        assertThat(first.races()).containsKey("rating.already-given");
        assertThat(first.unexpectedRejections()).isZero();
        assertThat(first.failures()).isZero();
        assertThat(first.sent(Step.Kind.SUBMIT)).isEqualTo(first.casesDone());

        received.clear();
        Stats again = CaseSimulator.backfill(config).await();
        assertThat(again.sent()).isEqualTo(first.sent());
        assertThat(again.replayed()).isEqualTo(again.sent());
        assertThat(again.races()).isEqualTo(first.races());
    }

    @Test
    void liveKeepsTheRateWithBusinessTimeNow() throws Exception {
        Instant start = Instant.now();
        Simulation live = CaseSimulator.live(config().withLive(40, 1_000_000, 1000, null));
        Thread.sleep(3000);
        assertThat(live.isDone()).isFalse();
        assertThat(live.stats().sent()).isPositive();
        Stats stats = live.stop();
        Instant end = Instant.now();
        assertThat(live.isDone()).isTrue();

        // a token bucket: one command at once, then 40/s (bursts of up to a second's worth)
        assertThat(stats.sent()).isBetween(80L, 125L);
        List<Received> requests = List.copyOf(received);
        assertPerCaseOrder(requests);
        assertThat(requests).allSatisfy(r -> assertThat(r.at()).isBetween(start.minusSeconds(1), end.plusSeconds(1)));
        assertThat(requests).extracting(Received::kind).contains(Step.Kind.SUBMIT, Step.Kind.ACCEPT, Step.Kind.COMPLETE);
        assertThat(maxInFlight.get()).isLessThanOrEqualTo(4);
    }
}
