package com.xiaoneng.command.idempotency;

import com.xiaoneng.command.CommandSideApplication;
import com.xiaoneng.command.idempotency.KeyedHttp.Reply;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Idempotency-Key over real HTTP on the embedded PostgreSQL: replay, scope, reuse, concurrent retries, and
 * answers that fail after the command ran (a test filter inside the idempotency transaction fails them).
 */
class IdempotencyFilterTest {
    /** Makes the answer fail after the command ran: "throw" an exception, or "status" a 500. */
    static final String FAIL = "X-Test-Fail-Answer";

    static ConfigurableApplicationContext app;
    static KeyedHttp http;
    static JdbcClient jdbc;

    @BeforeAll
    static void start() throws Exception {
        Path dataDir = Files.createTempDirectory("idempotency-test");
        app = new SpringApplicationBuilder(CommandSideApplication.class)
                .initializers(context -> context.getBeanFactory().registerSingleton("failingAnswer", failingAnswer()))
                .run("--server.port=0",
                        "--xiaoneng.embedded-postgres.data-dir=" + dataDir.resolve("postgres"),
                        "--xiaoneng.embedded-postgres.port=" + freePort(),
                        "--xiaoneng.catalog.seed-sample=false",
                        "--xiaoneng.publishing.enabled=false",
                        "--xiaoneng.rules.default-rating-days=0");
        http = new KeyedHttp(app.getBean(Environment.class).getRequiredProperty("local.server.port", Integer.class));
        jdbc = app.getBean(JdbcClient.class);
        http.putItem();
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void theFirstAnswerIsReplayedAndNothingNewIsStored() throws Exception {
        String key = UUID.randomUUID().toString();
        String applicant = unique("replay");
        Reply first = http.post("agency", "/api/cases", KeyedHttp.submit(applicant, "650102"), key);
        Reply again = http.post("agency", "/api/cases", KeyedHttp.submit(applicant, "650102"), key);
        assertThat(first.status()).as(first.raw()).isEqualTo(201);
        assertThat(first.replayed()).isFalse();
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.replayed()).isTrue();
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(again.headers().firstValue("Location")).isEqualTo(first.headers().firstValue("Location")).isPresent();
        assertThat(submitted(applicant)).isEqualTo(1);
    }

    @Test
    void keysAreScopedToTheCaller() throws Exception {
        String key = UUID.randomUUID().toString();
        String applicant = unique("scope");
        String urumqiCase = KeyedHttp.submit(applicant, "650102");
        Reply agency = http.post("agency", "/api/cases", urumqiCase, key);
        assertThat(agency.status()).as(agency.raw()).isEqualTo(201);

        // the same key and body from a user of another region: its own request, refused, never the other's answer
        Reply kashgar = http.post("agency-kashgar", "/api/cases", urumqiCase, key);
        assertThat(kashgar.status()).as(kashgar.raw()).isEqualTo(403);
        assertThat(kashgar.body().get("rule").asText()).isEqualTo("auth.region");
        assertThat(kashgar.replayed()).isFalse();
        assertThat(kashgar.raw()).doesNotContain(agency.caseId());
        // and under its own scope the key is free for a case of its own
        Reply kashgarCase = http.post("agency-kashgar", "/api/cases", KeyedHttp.submit(applicant, "653101"), unique("k"));
        Reply kashgarOwn = http.post("agency-kashgar", "/api/cases", KeyedHttp.submit(unique("own"), "653101"), key);
        assertThat(kashgarCase.status()).as(kashgarCase.raw()).isEqualTo(201);
        // the refusal above is that scope's first answer: another body under it is a reused key
        assertThat(kashgarOwn.status()).as(kashgarOwn.raw()).isEqualTo(409);
        assertThat(kashgarOwn.body().get("rule").asText()).isEqualTo("idempotency.key-reused");

        // another path is another request under the same key
        Reply accepted = http.post("agency", "/api/cases/" + agency.caseId() + "/accept", "{\"at\":\"2025-03-03T11:00:00+08:00\"}", key);
        assertThat(accepted.status()).as(accepted.raw()).isEqualTo(200);
        assertThat(accepted.replayed()).isFalse();
        assertThat(http.post("agency", "/api/cases", urumqiCase, key).body()).isEqualTo(agency.body());
        assertThat(submitted(applicant)).isEqualTo(2);
    }

    @Test
    void theSameScopeWithAnotherBodyIsAReusedKey() throws Exception {
        String key = UUID.randomUUID().toString();
        assertThat(http.post("agency", "/api/cases", KeyedHttp.submit(unique("a"), "650102"), key).status()).isEqualTo(201);
        Reply reused = http.post("agency", "/api/cases", KeyedHttp.submit(unique("b"), "650102"), key);
        assertThat(reused.status()).isEqualTo(409);
        assertThat(reused.body().get("rule").asText()).isEqualTo("idempotency.key-reused");
        assertThat(reused.body().get("field").asText()).isEqualTo(IdempotencyFilter.HEADER);
    }

    @Test
    void concurrentRetriesWaitForTheFirstAnswer() throws Exception {
        String key = UUID.randomUUID().toString();
        String applicant = unique("burst");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Reply>> sends = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                sends.add(() -> http.post("agency", "/api/cases", KeyedHttp.submit(applicant, "650102"), key));
            }
            List<Reply> replies = new ArrayList<>();
            for (Future<Reply> reply : pool.invokeAll(sends)) {
                replies.add(reply.get());
            }
            assertThat(replies).extracting(Reply::status).containsOnly(201);
            assertThat(replies).extracting(Reply::caseId).containsOnly(replies.get(0).caseId());
            assertThat(replies).filteredOn(reply -> !reply.replayed()).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(submitted(applicant)).isEqualTo(1);
    }

    @Test
    void aRefusalIsReplayedToo() throws Exception {
        String id = http.post("agency", "/api/cases", KeyedHttp.submit(unique("refusal"), "650102"), null).caseId();
        String accept = "{\"at\":\"2025-03-03T11:00:00+08:00\"}";
        assertThat(http.post("agency", "/api/cases/" + id + "/accept", accept, null).status()).isEqualTo(200);

        // the command fails after reading the case's events (Axon rolls its connection back)
        String key = UUID.randomUUID().toString();
        Reply refused = http.post("agency", "/api/cases/" + id + "/accept", accept, key);
        Reply again = http.post("agency", "/api/cases/" + id + "/accept", accept, key);
        assertThat(refused.status()).as(refused.raw()).isEqualTo(409);
        assertThat(refused.body().get("rule").asText()).isEqualTo("case.already-accepted");
        assertThat(again.replayed()).isTrue();
        assertThat(again.body()).isEqualTo(refused.body());

        // the append fails on the event table's key (PostgreSQL aborts the transaction)
        String exists = """
                {"caseId":"%s","itemCode":"%s","applicant":{"type":"PERSON","id":"x"},"channel":"HALL",
                 "acceptingRegion":"650102","handlingRegion":"650102","submittedAt":"2025-03-03T10:00:00+08:00"}"""
                .formatted(id, KeyedHttp.ITEM);
        String existsKey = UUID.randomUUID().toString();
        Reply conflict = http.post("agency", "/api/cases", exists, existsKey);
        assertThat(conflict.status()).as(conflict.raw()).isEqualTo(409);
        assertThat(conflict.body().get("rule").asText()).isEqualTo("case.exists");
        assertThat(http.post("agency", "/api/cases", exists, existsKey).replayed()).isTrue();
        assertThat(events(id)).isEqualTo(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"throw", "status"})
    void anAnswerThatFailsAfterTheCommandRanStoresNothingAndFreesTheKey(String failure) throws Exception {
        String key = UUID.randomUUID().toString();
        String applicant = unique("fail-" + failure);
        String body = KeyedHttp.submit(applicant, "650102");
        Reply failed = http.post("agency", "/api/cases", body, key, Map.of(FAIL, failure));
        assertThat(failed.status()).as(failed.raw()).isEqualTo(500);
        assertThat(submitted(applicant)).isZero();
        assertThat(claims(key)).isZero();

        Reply retried = http.post("agency", "/api/cases", body, key);
        assertThat(retried.status()).as(retried.raw()).isEqualTo(201);
        assertThat(retried.replayed()).isFalse();
        assertThat(submitted(applicant)).isEqualTo(1);
        assertThat(claims(key)).isOne();

        // a step whose answer fails leaves neither its event, nor its deadline, nor its state in the case cache
        String id = retried.caseId();
        String accept = "{\"at\":\"2025-03-03T11:00:00+08:00\",\"deficiency\":{\"missing\":[\"户口簿\"],\"correctionDays\":2}}";
        String acceptKey = UUID.randomUUID().toString();
        assertThat(http.post("agency", "/api/cases/" + id + "/accept", accept, acceptKey, Map.of(FAIL, failure)).status())
                .isEqualTo(500);
        assertThat(events(id)).isOne();
        assertThat(deadlines(id)).isZero();
        assertThat(http.get("agency", "/api/cases/" + id).body().get("status").asText()).isEqualTo("SUBMITTED");
        Reply accepted = http.post("agency", "/api/cases/" + id + "/accept", accept, acceptKey);
        assertThat(accepted.status()).as(accepted.raw()).isEqualTo(200);
        assertThat(accepted.replayed()).isFalse();
        assertThat(events(id)).isEqualTo(2);
        assertThat(deadlines(id)).isOne();
    }

    @Test
    void aKeyOfTheWrongSizeIs400() throws Exception {
        Reply reply = http.post("agency", "/api/cases", KeyedHttp.submit(unique("size"), "650102"), "k".repeat(201));
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body().get("rule").asText()).isEqualTo("idempotency.key-format");
    }

    /** Inside the idempotency transaction, after the controller: fails the answer as {@link #FAIL} says. */
    private static FilterRegistrationBean<OncePerRequestFilter> failingAnswer() {
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                chain.doFilter(request, response);
                String failure = request.getHeader(FAIL);
                if ("throw".equals(failure)) {
                    throw new IllegalStateException("the answer failed after the command ran");
                } else if ("status".equals(failure)) {
                    response.setStatus(500);
                }
            }
        });
        registration.setOrder(Ordered.LOWEST_PRECEDENCE);
        return registration;
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** CaseSubmitted events stored for this applicant. */
    static int submitted(String applicantId) {
        return jdbc.sql("SELECT count(*) FROM domain_event_entry WHERE payload_type LIKE '%CaseSubmitted'"
                        + " AND position(convert_to(?, 'UTF8') in payload) > 0")
                .param(applicantId).query(Integer.class).single();
    }

    static int events(String caseId) {
        return jdbc.sql("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?")
                .param(caseId).query(Integer.class).single();
    }

    static int deadlines(String caseId) {
        return jdbc.sql("SELECT count(*) FROM scheduled_tasks WHERE position(convert_to(?, 'UTF8') in task_data) > 0")
                .param(caseId).query(Integer.class).single();
    }

    static int claims(String key) {
        return jdbc.sql("SELECT count(*) FROM idempotent_request WHERE idempotency_key = ?")
                .param(key).query(Integer.class).single();
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
