package com.xiaoneng.chdb;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Base64;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** The endpoint's users: a writer, a read-only user (Grafana's) and one that also owns a table (the query side's). */
class ChdbUsersTest {

    static final ClickHouseUser WRITER = ClickHouseUser.writer("writer", "w-secret");
    static final ClickHouseUser READER = ClickHouseUser.readOnly("grafana", "r-secret");
    static final ClickHouseUser OWNER = ClickHouseUser.readOnly("query", "q-secret", "app.exports");

    @TempDir
    static Path dir;
    static ClickHouseEndpoint endpoint;
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        ChdbTestSupport.quietDriverLogs();
        endpoint = ClickHouseEndpoint.start(ClickHouseEndpoint.locateLibchdb(), dir.resolve("data"), "127.0.0.1", 0,
                List.of(WRITER, READER, OWNER));
        Files.writeString(dir.resolve("secret.txt"), "not for readers\n");
        ok(WRITER, "CREATE DATABASE app");
        ok(WRITER, "CREATE TABLE app.facts (id UInt32, name String) ENGINE = MergeTree ORDER BY id");
        ok(WRITER, "INSERT INTO app.facts VALUES (1, 'one'), (2, 'two')");
    }

    @AfterAll
    static void stop() {
        if (endpoint != null) {
            endpoint.stop();
        }
    }

    @Test
    void theEndpointReportsItsWriter() {
        assertThat(endpoint.user()).isEqualTo("writer");
        assertThat(endpoint.password()).isEqualTo("w-secret");
        assertThat(endpoint.users()).containsExactly(WRITER, READER, OWNER);
    }

    @Test
    void everyUserNeedsItsOwnPasswordInEachWayClientsSendIt() throws Exception {
        for (ClickHouseUser user : List.of(WRITER, READER, OWNER)) {
            assertThat(send(request("?query=SELECT+1").header("Authorization", basic(user.name(), user.password())))
                    .body()).isEqualTo("1\n");
            assertThat(send(request("?query=SELECT+2").header("X-ClickHouse-User", user.name())
                    .header("X-ClickHouse-Key", user.password())).body()).isEqualTo("2\n");
            assertThat(send(request("?query=SELECT+3&user=" + user.name() + "&password=" + user.password())).body())
                    .isEqualTo("3\n");

            HttpResponse<String> wrong = send(request("?query=SELECT+1")
                    .header("Authorization", basic(user.name(), user.password() + "x")));
            assertThat(wrong.statusCode()).isEqualTo(403);
            assertThat(wrong.headers().firstValue("X-ClickHouse-Exception-Code")).hasValue("516");
            assertThat(wrong.body()).startsWith("Code: 516. DB::Exception: " + user.name() + ": Authentication failed");
            HttpResponse<String> empty = send(request("?query=SELECT+1&user=" + user.name()));
            assertThat(empty.statusCode()).isEqualTo(403);
            assertThat(empty.body()).contains("(AUTHENTICATION_FAILED)");
        }
        // another user's password is no password at all
        assertThat(send(request("?query=SELECT+1").header("Authorization", basic(READER.name(), WRITER.password())))
                .statusCode()).isEqualTo(403);
        HttpResponse<String> anonymous = send(request("?query=SELECT+1"));
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("X-ClickHouse-Exception-Code")).hasValue("516");
        assertThat(send(request("?query=SELECT+1").header("Authorization", "Basic !!not-base64")).statusCode())
                .isEqualTo(403);
    }

    @Test
    void theReadOnlyUserReads() throws Exception {
        assertThat(post(READER, "SELECT name FROM app.facts ORDER BY id").body()).isEqualTo("one\ntwo\n");
        assertThat(post(READER, "/* a comment */ (SELECT count() FROM facts) -- and one more", "&database=app").body())
                .isEqualTo("2\n");
        assertThat(post(READER, "WITH 2 AS n SELECT n * {k:UInt8}", "&param_k=21").body()).isEqualTo("42\n");
        assertThat(post(READER, "SHOW TABLES FROM app").body()).isEqualTo("facts\n");
        assertThat(post(READER, "DESCRIBE TABLE app.facts").body()).startsWith("id\tUInt32");
        assertThat(post(READER, "EXISTS TABLE app.facts").body()).isEqualTo("1\n");
        assertThat(post(READER, "EXPLAIN SELECT * FROM app.facts").statusCode()).isEqualTo(200);
        assertThat(post(READER, "SELECT sum(number) FROM numbers(10) FORMAT JSONEachRow").body())
                .isEqualTo("{\"sum(number)\":45}\n");
        assertThat(post(READER, "SELECT count() FROM system.tables WHERE database = 'app'").body()).isEqualTo("1\n");
        assertThat(post(READER, "SELECT format('{}-{}', 'a', 'b')").body()).isEqualTo("a-b\n");
        // a setting named with the value it already has is no change (ClickHouse's rule too)
        assertThat(post(READER, "SELECT 1", "&max_result_rows=0").body()).isEqualTo("1\n");
    }

    @Test
    void theReadOnlyUserChangesNothing() throws Exception {
        List<String> refused = List.of(
                "INSERT INTO app.facts VALUES (3, 'three')",
                "INSERT INTO app.facts SELECT 4, 'four'",
                "CREATE TABLE app.more (x UInt8) ENGINE = MergeTree ORDER BY x",
                "CREATE DATABASE other",
                "DROP TABLE app.facts",
                "ALTER TABLE app.facts DELETE WHERE 1",
                "ALTER TABLE app.facts ADD COLUMN extra UInt8",
                "TRUNCATE TABLE app.facts",
                "RENAME TABLE app.facts TO app.gone",
                "OPTIMIZE TABLE app.facts FINAL",
                "SYSTEM FLUSH LOGS",
                "SET max_threads = 1",
                "KILL QUERY WHERE 1",
                "GRANT ALL ON *.* TO grafana");
        for (String sql : refused) {
            HttpResponse<String> response = post(READER, sql);
            assertThat(response.statusCode()).as(sql).isEqualTo(403);
            assertThat(response.headers().firstValue("X-ClickHouse-Exception-Code")).as(sql).hasValue("164");
            assertThat(response.body()).as(sql).startsWith("Code: 164. DB::Exception: grafana: Cannot execute query"
                    + " in readonly mode").contains("(READONLY)");
        }
        assertThat(post(WRITER, "SELECT count() FROM app.facts").body()).isEqualTo("2\n");
        assertThat(post(WRITER, "EXISTS TABLE app.more").body()).isEqualTo("0\n");
    }

    @Test
    void theReadOnlyUserCannotSlipAStatementPastTheCheck() throws Exception {
        // chDB runs every statement of a request; ClickHouse's HTTP interface refuses more than one
        HttpResponse<String> two = post(READER, "SELECT 1; DROP TABLE app.facts");
        assertThat(two.statusCode()).isEqualTo(400);
        assertThat(two.body()).contains("Multi-statements are not allowed");
        assertThat(post(READER, "SELECT 1 /* ; */; -- ;\n DROP TABLE app.facts").statusCode()).isEqualTo(400);
        assertThat(post(READER, "SELECT $$;$$; DROP TABLE app.facts").statusCode()).isEqualTo(400);
        assertThat(post(READER, "EXPLAIN AST SELECT 1; DROP TABLE app.facts").statusCode()).isEqualTo(400);
        assertThat(post(WRITER, "EXISTS TABLE app.facts").body()).isEqualTo("1\n");
    }

    @Test
    void theReadOnlyUserReadsNothingOutsideTheDatabase() throws Exception {
        String secret = dir.resolve("secret.txt").toString();
        assertThat(post(WRITER, "SELECT * FROM file('" + secret + "', 'LineAsString')").body()).isEqualTo("not for readers\n");
        List<String> refused = List.of(
                "SELECT * FROM file('" + secret + "', 'LineAsString')",
                "SELECT * FROM `file`('" + secret + "', 'LineAsString')",
                "SELECT * FROM numbers(1) AS n JOIN FILE('" + secret + "', 'LineAsString') AS f ON 1",
                "SELECT file('" + secret + "')",
                "SELECT * FROM app.facts WHERE name IN (SELECT * FROM url('http://127.0.0.1:1/', 'LineAsString'))",
                "DESCRIBE TABLE file('" + secret + "', 'LineAsString')",
                "SELECT * FROM filesystem('" + dir + "')",
                "SELECT * FROM remote('127.0.0.1:1', system.one)",
                "SELECT * FROM app.facts INTO OUTFILE '" + dir.resolve("out.tsv") + "'",
                "SELECT 1 SETTINGS max_threads = 1");
        for (String sql : refused) {
            HttpResponse<String> response = post(READER, sql);
            assertThat(response.statusCode()).as(sql).isEqualTo(403);
            assertThat(response.body()).as(sql).startsWith("Code: 164.").doesNotContain("not for readers");
        }
        assertThat(dir.resolve("out.tsv")).doesNotExist();
        HttpResponse<String> setting = post(READER, "SELECT 1", "&max_result_rows=5");
        assertThat(setting.statusCode()).isEqualTo(403);
        assertThat(setting.body()).startsWith("Code: 164. DB::Exception: Cannot modify 'max_result_rows' setting in"
                + " readonly mode");
        assertThat(post(WRITER, "SELECT getSetting('max_result_rows')").body()).isEqualTo("0\n");
    }

    @Test
    void aReadOnlyUserCreatesAndFillsItsOwnTableOnly() throws Exception {
        try (Connection c = connect(OWNER); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE IF NOT EXISTS app");
            s.execute("CREATE TABLE IF NOT EXISTS app.exports (at DateTime64(3, 'UTC'), username String)"
                    + " ENGINE = MergeTree ORDER BY at");
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO app.exports (at, username) VALUES (?, ?)")) {
                insert.setString(1, "2025-01-02 03:04:05.678");
                insert.setString(2, "admin");
                insert.executeUpdate();
            }
            try (ResultSet rs = s.executeQuery("SELECT username FROM app.exports")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("admin");
            }
        }
        assertThat(post(OWNER, "INSERT INTO exports (username) VALUES ('x')", "&database=app").statusCode()).isEqualTo(200);
        for (String sql : List.of(
                "INSERT INTO app.facts VALUES (5, 'five')",
                "CREATE TABLE app.exports2 (x UInt8) ENGINE = MergeTree ORDER BY x",
                "CREATE TABLE IF NOT EXISTS app.exports (x String) ENGINE = File(TSV, '" + dir.resolve("f") + "')",
                "CREATE TABLE IF NOT EXISTS app.exports AS url('http://127.0.0.1:1/', 'LineAsString')",
                "INSERT INTO app.exports (username) SELECT * FROM file('" + dir.resolve("secret.txt") + "', 'LineAsString')",
                "INSERT INTO FUNCTION file('" + dir.resolve("g") + "', 'LineAsString') SELECT 'x'",
                "DROP TABLE app.exports",
                "CREATE DATABASE other")) {
            assertThat(post(OWNER, sql).statusCode()).as(sql).isEqualTo(403);
        }
        assertThat(post(WRITER, "SELECT count() FROM app.facts").body()).isEqualTo("2\n");
        assertThat(post(WRITER, "SELECT count() FROM app.exports").body()).isEqualTo("2\n");
    }

    @Test
    void theWriterDoesEverything() throws Exception {
        assertThat(post(WRITER, "CREATE TABLE app.scratch (x UInt8) ENGINE = MergeTree ORDER BY x").statusCode()).isEqualTo(200);
        assertThat(post(WRITER, "INSERT INTO app.scratch VALUES (1)").statusCode()).isEqualTo(200);
        assertThat(post(WRITER, "ALTER TABLE app.scratch ADD COLUMN y UInt8").statusCode()).isEqualTo(200);
        assertThat(post(WRITER, "SELECT x, y FROM app.scratch", "&max_result_rows=1").body()).isEqualTo("1\t0\n");
        // a limit from the URL lasts one request, though it would fail the query that lists changed settings
        assertThat(post(WRITER, "SELECT count() FROM (SELECT * FROM system.settings WHERE changed)").statusCode())
                .isEqualTo(200);
        assertThat(post(WRITER, "SELECT * FROM numbers(3)").body()).isEqualTo("0\n1\n2\n");
        assertThat(post(WRITER, "DROP TABLE app.scratch").statusCode()).isEqualTo(200);
    }

    private static void ok(ClickHouseUser user, String sql) throws Exception {
        HttpResponse<String> response = post(user, sql);
        assertThat(response.statusCode()).as(sql + ": " + response.body()).isEqualTo(200);
    }

    private static HttpResponse<String> post(ClickHouseUser user, String sql) throws IOException, InterruptedException {
        return post(user, sql, "");
    }

    private static HttpResponse<String> post(ClickHouseUser user, String sql, String urlParams)
            throws IOException, InterruptedException {
        return send(request("?" + urlParams).header("Authorization", basic(user.name(), user.password()))
                .POST(HttpRequest.BodyPublishers.ofString(sql)));
    }

    private static Connection connect(ClickHouseUser user) throws Exception {
        Properties props = new Properties();
        props.setProperty("user", user.name());
        props.setProperty("password", user.password());
        return DriverManager.getConnection(endpoint.url(), props);
    }

    private static HttpRequest.Builder request(String urlQuery) {
        return HttpRequest.newBuilder(URI.create(endpoint.httpUrl() + "/" + urlQuery));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
