package com.xiaoneng.chdb;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The HTTP interface as curl or any ClickHouse HTTP client sees it. */
class ChdbHttpTest {

    @TempDir
    static Path dir;
    static ClickHouseEndpoint endpoint;
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        endpoint = ChdbTestSupport.start(dir.resolve("data"));
        post("", "CREATE TABLE events (id UInt32, name String) ENGINE = MergeTree ORDER BY id");
    }

    @AfterAll
    static void stop() {
        if (endpoint != null) {
            endpoint.stop();
        }
    }

    @Test
    void pingAndRootAnswerOk() throws Exception {
        HttpResponse<String> ping = http.send(HttpRequest.newBuilder(URI.create(endpoint.httpUrl() + "/ping")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(ping.statusCode()).isEqualTo(200);
        assertThat(ping.body()).isEqualTo("Ok.\n");
        HttpResponse<String> root = http.send(HttpRequest.newBuilder(URI.create(endpoint.httpUrl() + "/")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(root.body()).isEqualTo("Ok.\n");
    }

    @Test
    void wrongOrMissingCredentialsAreRejectedAsClickHouseDoes() throws Exception {
        HttpResponse<String> wrong = send(request("?query=SELECT+1")
                .header("Authorization", basic(ChdbTestSupport.USER, "wrong")).build());
        assertThat(wrong.statusCode()).isEqualTo(403);
        assertThat(wrong.headers().firstValue("X-ClickHouse-Exception-Code")).hasValue("516");
        assertThat(wrong.body()).startsWith("Code: 516. DB::Exception: default: Authentication failed");

        HttpResponse<String> unknownUser = send(request("?query=SELECT+1")
                .header("X-ClickHouse-User", "nobody").header("X-ClickHouse-Key", ChdbTestSupport.PASSWORD).build());
        assertThat(unknownUser.statusCode()).isEqualTo(403);

        HttpResponse<String> anonymous = send(request("?query=SELECT+1").build());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("X-ClickHouse-Exception-Code")).hasValue("516");

        HttpResponse<String> headers = send(request("?query=SELECT+1")
                .header("X-ClickHouse-User", ChdbTestSupport.USER).header("X-ClickHouse-Key", ChdbTestSupport.PASSWORD).build());
        assertThat(headers.statusCode()).isEqualTo(200);
        assertThat(headers.body()).isEqualTo("1\n");

        HttpResponse<String> urlParams = send(request("?query=SELECT+2&user=default&password=" + ChdbTestSupport.PASSWORD).build());
        assertThat(urlParams.body()).isEqualTo("2\n");
    }

    @Test
    void errorsHaveClickHousesShape() throws Exception {
        HttpResponse<String> missing = get("SELECT * FROM missing_table", "&query_id=err-1");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("X-ClickHouse-Exception-Code")).hasValue("60");
        assertThat(missing.headers().firstValue("X-ClickHouse-Query-Id")).hasValue("err-1");
        assertThat(missing.body()).startsWith("Code: 60. DB::Exception: ").contains("missing_table")
                .contains("(UNKNOWN_TABLE)").contains("(version 26.").endsWith("\n");

        HttpResponse<String> syntax = post("", "SELECT FROM WHERE");
        assertThat(syntax.statusCode()).isEqualTo(400);
        assertThat(syntax.headers().firstValue("X-ClickHouse-Exception-Code")).hasValue("62");
        assertThat(syntax.body()).startsWith("Code: 62. DB::Exception: Syntax error");
    }

    @Test
    void successfulResponsesCarryClickHousesHeaders() throws Exception {
        HttpResponse<String> response = get("SELECT number FROM numbers(3)", "&query_id=q-42");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("0\n1\n2\n");
        assertThat(response.headers().firstValue("X-ClickHouse-Query-Id")).hasValue("q-42");
        assertThat(response.headers().firstValue("X-ClickHouse-Format")).hasValue("TabSeparated");
        assertThat(response.headers().firstValue("X-ClickHouse-Timezone")).isPresent();
        assertThat(response.headers().firstValue("X-ClickHouse-Server-Display-Name")).isPresent();
        assertThat(response.headers().firstValue("X-ClickHouse-Summary").orElseThrow())
                .contains("\"result_rows\":\"3\"").contains("\"read_rows\":\"3\"");
    }

    @Test
    void formatClauseAndDefaultFormat() throws Exception {
        HttpResponse<String> clause = get("SELECT 1 AS x, 'a' AS y FORMAT JSONEachRow", "");
        assertThat(clause.body()).isEqualTo("{\"x\":1,\"y\":\"a\"}\n");
        assertThat(clause.headers().firstValue("X-ClickHouse-Format")).hasValue("JSONEachRow");

        HttpResponse<String> param = get("SELECT 1 AS x", "&default_format=CSVWithNames");
        assertThat(param.body()).isEqualTo("\"x\"\n1\n");
        assertThat(param.headers().firstValue("X-ClickHouse-Format")).hasValue("CSVWithNames");
        assertThat(param.headers().firstValue("Content-Type")).hasValue("text/csv; charset=UTF-8");

        HttpResponse<String> both = get("SELECT 2 AS x FORMAT TSVWithNames", "&default_format=JSON");
        assertThat(both.body()).isEqualTo("x\n2\n");
    }

    @Test
    void queryParameterIsJoinedWithTheBody() throws Exception {
        post("?query=" + enc("INSERT INTO events FORMAT CSV"), "1,one\n2,two\n");
        post("?query=" + enc("INSERT INTO events VALUES"), "(3, 'three');");
        post("?query=" + enc("INSERT INTO events"), "4\tfour\n");
        post("", "INSERT INTO events FORMAT JSONEachRow\n{\"id\":5,\"name\":\"five\"}");
        ByteBuffer rowBinary = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
        rowBinary.putInt(6).put((byte) 3).put("six".getBytes(StandardCharsets.UTF_8));
        // the first data byte is a blank on purpose: data must start right after the joining newline
        rowBinary.putInt(32).put((byte) 1).put((byte) ' ');
        byte[] rows = java.util.Arrays.copyOf(rowBinary.array(), rowBinary.position());
        HttpResponse<String> binary = send(request("?query=" + enc("INSERT INTO events (id, name) FORMAT RowBinary"))
                .header("Authorization", basic(ChdbTestSupport.USER, ChdbTestSupport.PASSWORD))
                .POST(HttpRequest.BodyPublishers.ofByteArray(rows)).build());
        assertThat(binary.statusCode()).isEqualTo(200);
        assertThat(binary.headers().firstValue("X-ClickHouse-Summary").orElseThrow()).contains("\"written_rows\":\"2\"");

        ByteArrayOutputStream bodyOnly = new ByteArrayOutputStream();
        bodyOnly.writeBytes("INSERT INTO events FORMAT RowBinary\n".getBytes(StandardCharsets.UTF_8));
        bodyOnly.writeBytes(new byte[] {7, 0, 0, 0, 1, '\n'});
        HttpResponse<String> inBody = send(request("")
                .header("Authorization", basic(ChdbTestSupport.USER, ChdbTestSupport.PASSWORD))
                .POST(HttpRequest.BodyPublishers.ofByteArray(bodyOnly.toByteArray())).build());
        assertThat(inBody.statusCode()).isEqualTo(200);

        HttpResponse<String> select = post("?query=" + enc("SELECT id, name FROM events"), "WHERE id < 100 ORDER BY id FORMAT CSV");
        assertThat(select.body()).isEqualTo("1,\"one\"\n2,\"two\"\n3,\"three\"\n4,\"four\"\n5,\"five\"\n6,\"six\"\n"
                + "7,\"\n\"\n32,\" \"\n");
    }

    @Test
    void getIsReadOnlyAsInClickHouse() throws Exception {
        HttpResponse<String> create = get("CREATE TABLE via_get (x UInt8) ENGINE = Memory", "");
        assertThat(create.statusCode()).isEqualTo(403);
        assertThat(create.headers().firstValue("X-ClickHouse-Exception-Code")).hasValue("164");
        assertThat(create.body()).contains("method GET implies readonly");
        assertThat(get("INSERT INTO events VALUES (99, 'get')", "").statusCode()).isEqualTo(403);
        assertThat(get("SHOW TABLES", "").statusCode()).isEqualTo(200);
        assertThat(get("(SELECT 1)", "").body()).isEqualTo("1\n");
    }

    @Test
    void settingsQueryParametersAndDatabaseFromTheUrl() throws Exception {
        HttpResponse<String> settings = get("SELECT getSetting('max_result_rows')",
                "&max_result_rows=1000&wait_end_of_query=1&session_id=s1&no_such_setting=1&compress=0&readonly=0");
        assertThat(settings.statusCode()).isEqualTo(200);
        assertThat(settings.body()).isEqualTo("1000\n");
        assertThat(get("SELECT getSetting('max_result_rows')", "").body()).isEqualTo("0\n");

        // without a session a SET lasts one request, and chDB's own non-default settings survive overrides
        assertThat(post("", "SET max_result_bytes = 12345").statusCode()).isEqualTo(200);
        assertThat(get("SELECT getSetting('max_result_bytes')", "").body()).isEqualTo("0\n");
        String readMethod = get("SELECT getSetting('storage_file_read_method')", "").body();
        assertThat(get("SELECT getSetting('storage_file_read_method')", "&storage_file_read_method=read").body())
                .isEqualTo("read\n");
        assertThat(get("SELECT getSetting('storage_file_read_method')", "").body()).isEqualTo(readMethod);

        assertThat(get("SELECT {n:UInt8} + 1, {s:String}", "&param_n=41&param_s=" + enc("办件")).body())
                .isEqualTo("42\t办件\n");
        assertThat(get("SELECT currentDatabase()", "&database=system").body()).isEqualTo("system\n");
        assertThat(get("SELECT currentDatabase()", "").body()).isEqualTo("default\n");
    }

    @Test
    void compressedBodiesAreAccepted() throws Exception {
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write("SELECT 'gzip'".getBytes(StandardCharsets.UTF_8));
        }
        HttpResponse<String> gzip = send(request("").header("Content-Encoding", "gzip")
                .header("Authorization", basic(ChdbTestSupport.USER, ChdbTestSupport.PASSWORD))
                .POST(HttpRequest.BodyPublishers.ofByteArray(gz.toByteArray())).build());
        assertThat(gzip.body()).isEqualTo("gzip\n");

        ByteArrayOutputStream framed = new ByteArrayOutputStream();
        NativeCompression.write("SELECT 'native'".getBytes(StandardCharsets.UTF_8), framed);
        HttpResponse<byte[]> nativeBoth = http.send(request("?decompress=1&compress=1")
                .header("Authorization", basic(ChdbTestSupport.USER, ChdbTestSupport.PASSWORD))
                .POST(HttpRequest.BodyPublishers.ofByteArray(framed.toByteArray())).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(new String(NativeCompression.read(nativeBoth.body()), StandardCharsets.UTF_8)).isEqualTo("native\n");
    }

    private static HttpResponse<String> get(String sql, String extra) throws IOException, InterruptedException {
        return send(request("?query=" + enc(sql) + extra)
                .header("Authorization", basic(ChdbTestSupport.USER, ChdbTestSupport.PASSWORD)).build());
    }

    private static HttpResponse<String> post(String urlQuery, String body) throws IOException, InterruptedException {
        return send(request(urlQuery)
                .header("Authorization", basic(ChdbTestSupport.USER, ChdbTestSupport.PASSWORD))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private static HttpRequest.Builder request(String urlQuery) {
        return HttpRequest.newBuilder(URI.create(endpoint.httpUrl() + "/" + urlQuery));
    }

    private static HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
