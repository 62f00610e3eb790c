package com.xiaoneng.streaming.clickhouse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What both sinks send: rows as TabSeparated text in the body of one INSERT over ClickHouse's HTTP interface
 * (three times the rows per second of the JDBC driver's VALUES text on the chDB endpoint, docs/BENCHMARKS.md).
 * While ClickHouse is unreachable or failing it retries with exponential backoff and without end, blocking the
 * task (backpressure, not loss); an insert ClickHouse refuses for its data ({@link #DATA_ERRORS}) is not retried.
 */
public final class HttpInserter {
    private static final Logger LOG = LoggerFactory.getLogger(HttpInserter.class);
    /**
     * ClickHouse error codes (src/Common/ErrorCodes.cpp) that blame the inserted values, not the server
     * or the connection: CANNOT_PARSE_TEXT 6, CANNOT_PARSE_ESCAPE_SEQUENCE 25, CANNOT_PARSE_QUOTED_STRING 26,
     * CANNOT_PARSE_INPUT_ASSERTION_FAILED 27, CANNOT_PARSE_DATE 38, CANNOT_PARSE_DATETIME 41, TYPE_MISMATCH 53,
     * ARGUMENT_OUT_OF_BOUND 69, CANNOT_CONVERT_TYPE 70, CANNOT_PARSE_NUMBER 72, INCORRECT_DATA 117,
     * TOO_LARGE_STRING_SIZE 131, VALUE_IS_OUT_OF_RANGE_OF_DATA_TYPE 321, CANNOT_INSERT_NULL_IN_ORDINARY_COLUMN 349,
     * CANNOT_PARSE_UUID 376, DECIMAL_OVERFLOW 407, CANNOT_PARSE_DOMAIN_VALUE_FROM_STRING 441,
     * CANNOT_PARSE_BOOL 467, VIOLATED_CONSTRAINT 469, UNKNOWN_ELEMENT_OF_ENUM 691. Anything else (no answer;
     * authentication, missing table, memory) is retried.
     */
    static final Set<Integer> DATA_ERRORS = Set.of(6, 25, 26, 27, 38, 41, 53, 69, 70, 72, 117, 131, 321, 349, 376,
            407, 441, 467, 469, 691);
    private static final Pattern CODE = Pattern.compile("Code: (\\d+)");

    private final ClickHouseSettings settings;
    private final List<URI> server;
    private final HttpClient client;

    public HttpInserter(ClickHouseSettings settings) {
        this.settings = settings;
        this.server = List.of(settings.httpEndpoint());
        // HTTP/1.1: ClickHouse does not speak h2c, and the upgrade attempt would cost every first request
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** {@code INSERT INTO db.table (columns) FORMAT TabSeparated}: the body follows as the data. */
    public static String insertSql(String database, String table, List<String> columns) {
        return "INSERT INTO " + database + "." + table + " (" + String.join(", ", columns) + ") FORMAT TabSeparated";
    }

    /** The rows in {@code table}'s column order, one line each. */
    public static <T> byte[] tabSeparated(ClickHouseTable<T> table, List<T> rows) {
        StringBuilder text = new StringBuilder(rows.size() * 128);
        for (T row : rows) {
            Object[] values = table.values(row);
            for (int i = 0; i < values.length; i++) {
                if (i > 0) {
                    text.append('\t');
                }
                escape(text, values[i]);
            }
            text.append('\n');
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** TabSeparated escaping: a backslash, tab or newline in a value is written with a backslash; null is \N. */
    static void escape(StringBuilder text, Object value) {
        if (value == null) {
            text.append("\\N");
            return;
        }
        String s = value.toString();
        int first = firstToEscape(s);
        if (first < 0) {
            // nearly every value: appended whole (char by char, this was a sixth of a replay's job CPU)
            text.append(s);
            return;
        }
        text.append(s, 0, first);
        for (int i = first; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> text.append("\\\\");
                case '\t' -> text.append("\\t");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                default -> text.append(c);
            }
        }
    }

    private static int firstToEscape(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' || c == '\t' || c == '\n' || c == '\r') {
                return i;
            }
        }
        return -1;
    }

    /** {@link #insertUntilAccepted(List, String, byte[], String, String)} into the server of the settings' URL. */
    public void insertUntilAccepted(String sql, byte[] body, String token, String what)
            throws InterruptedException, RefusedException {
        insertUntilAccepted(server, sql, body, token, what);
    }

    /**
     * Sends {@code body} into {@code sql} until ClickHouse accepts it, trying {@code replicas} in turn.
     *
     * @param token the insert's deduplication token, or null for none
     * @param what  names the insert in the log
     * @throws RefusedException when ClickHouse refused the rows themselves: sending them again cannot help
     */
    public void insertUntilAccepted(List<URI> replicas, String sql, byte[] body, String token, String what)
            throws InterruptedException, RefusedException {
        long backoff = settings.minBackoff().toMillis();
        for (int attempt = 1; ; attempt++) {
            String failure;
            URI endpoint = replicas.get((attempt - 1) % replicas.size());
            try {
                HttpResponse<String> response = client.send(request(endpoint, sql, body, token),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    if (attempt > 1) {
                        LOG.info("{}: inserted after {} attempts", what, attempt);
                    }
                    return;
                }
                if (DATA_ERRORS.contains(errorCode(response))) {
                    throw new RefusedException(response.body().strip());
                }
                failure = "HTTP " + response.statusCode() + ": " + response.body().strip();
            } catch (IOException e) {
                failure = e.toString();
            }
            LOG.warn("{}: insert into {} failed (attempt {}), retrying in {} ms: {}", what, endpoint, attempt, backoff,
                    failure);
            Thread.sleep(backoff);
            backoff = Math.min(backoff * 2, settings.maxBackoff().toMillis());
        }
    }

    private HttpRequest request(URI endpoint, String sql, byte[] body, String token) {
        String query = "query=" + encode(sql) + (token == null ? ""
                : "&insert_deduplicate=1&insert_deduplication_token=" + encode(token))
                // a token only works on a synchronous insert; the answer comes once the part is written
                + "&async_insert=0&wait_end_of_query=1";
        return HttpRequest.newBuilder(endpoint.resolve("/?" + query))
                .timeout(Duration.ofMinutes(2))
                .header("X-ClickHouse-User", settings.user())
                .header("X-ClickHouse-Key", settings.password())
                .header("Content-Type", "text/tab-separated-values; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
    }

    private static int errorCode(HttpResponse<String> response) {
        String header = response.headers().firstValue("X-ClickHouse-Exception-Code").orElse(null);
        if (header != null) {
            return Integer.parseInt(header.strip());
        }
        Matcher matcher = CODE.matcher(response.body());
        return matcher.find() ? Integer.parseInt(matcher.group(1)) : -1;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** ClickHouse refused the rows themselves; the message is its answer. */
    public static final class RefusedException extends Exception {
        RefusedException(String answer) {
            super(answer);
        }
    }
}
