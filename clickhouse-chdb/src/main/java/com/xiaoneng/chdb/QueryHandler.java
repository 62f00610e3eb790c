package com.xiaoneng.chdb;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;

/**
 * ClickHouse's HTTP query interface over one {@link ChdbEngine}: query text from the {@code query}
 * parameter and/or the body, URL parameters as settings, {@code param_*} as query parameters,
 * compressed bodies, ClickHouse's response headers and error shape.
 *
 * <p>All requests share one chDB connection, one statement at a time. Per-request state (database,
 * settings) is put back after each request, as ClickHouse does without a session; sessions
 * ({@code session_id}) are not implemented, so temporary tables are shared by all clients.
 * Results are buffered, which is what {@code wait_end_of_query=1} asks of ClickHouse.
 */
final class QueryHandler implements HttpHandler {

    private static final Logger log = LoggerFactory.getLogger(QueryHandler.class);

    /** URL parameters that steer the HTTP interface itself, not the query's settings. */
    private static final Set<String> TRANSPORT_PARAMS = Set.of(
            "query", "database", "default_format", "query_id", "compress", "decompress", "user", "password",
            "quota_key", "session_id", "session_timeout", "session_check", "buffer_size", "wait_end_of_query",
            "send_progress_in_http_headers", "http_headers_progress_interval_ms", "enable_http_compression",
            "http_zlib_compression_level", "http_native_compression_disable_checksumming_on_decompress",
            "add_http_cors_header", "stacktrace", "role", "client_protocol_version", "http_response_buffer_size",
            "http_wait_end_of_query", "cancel_http_readonly_queries_on_client_close",
            // readonly could not be reset on the shared connection once set
            "readonly");
    private static final Pattern SETTING_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern BARE_VALUE = Pattern.compile("-?[0-9]+(\\.[0-9]+)?|true|false");
    private static final String DEFAULT_FORMAT = "TabSeparated";

    private final ChdbEngine engine;
    private final Map<String, ClickHouseUser> users;
    private final ReadOnlyGuard guard;
    private final String version;
    private final String timezone;
    private final String displayName;
    /** The engine's current database, null when unknown (a USE ran); guarded by the engine's monitor. */
    private String currentDatabase;
    /** Settings chDB itself changes from ClickHouse's defaults, as found at startup. */
    private final Map<String, String> baseline;

    QueryHandler(ChdbEngine engine, List<ClickHouseUser> users, String timezone, String displayName) {
        this.engine = engine;
        this.users = new LinkedHashMap<>();
        users.forEach(u -> this.users.put(u.name(), u));
        this.guard = new ReadOnlyGuard(engine);
        this.version = engine.version();
        this.timezone = timezone;
        this.displayName = displayName;
        this.baseline = changedSettings();
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String queryId = null;
        try {
            Map<String, String> params = urlParams(exchange.getRequestURI().getRawQuery());
            Headers in = exchange.getRequestHeaders();
            queryId = firstNonEmpty(params.get("query_id"), in.getFirst("X-ClickHouse-Query-Id"),
                    UUID.randomUUID().toString());
            byte[] body = exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getPath();
            if (!path.equals("/")) {
                if (path.equals("/ping") || path.equals("/replicas_status")) {
                    sendText(exchange, 200, "Ok.\n");
                } else {
                    sendText(exchange, 404, "There is no handle " + path + "\n");
                }
                return;
            }
            String query = params.getOrDefault("query", "");
            if (query.isEmpty() && body.length == 0) {
                sendText(exchange, 200, "Ok.\n");
                return;
            }
            ClickHouseUser user = authenticate(in, params);
            body = decode(body, in.getFirst("Content-Encoding"), "1".equals(params.get("decompress")));
            run(exchange, user, params, queryId, query, body);
        } catch (ChdbException e) {
            log.debug("query {} failed: {}", queryId, e.getMessage());
            sendError(exchange, queryId, e);
        } catch (IOException e) {
            // the client went away; nothing to answer
            log.debug("query {}: {}", queryId, e.toString());
        } catch (RuntimeException e) {
            log.warn("query {} failed unexpectedly", queryId, e);
            sendError(exchange, queryId, new ChdbException(ChdbException.UNKNOWN_EXCEPTION, String.valueOf(e)));
        } finally {
            exchange.close();
        }
    }

    private void run(HttpExchange exchange, ClickHouseUser user, Map<String, String> params, String queryId,
                     String query, byte[] body) throws IOException {
        Headers in = exchange.getRequestHeaders();
        byte[] text = concat(query, body);
        int queryEnd = query.isEmpty() ? text.length : text.length - body.length;
        String database = firstNonEmpty(params.get("database"), in.getFirst("X-ClickHouse-Database"), "default");
        String format = firstNonEmpty(params.get("default_format"), in.getFirst("X-ClickHouse-Format"), DEFAULT_FORMAT);
        Map<String, String> queryParams = new LinkedHashMap<>();
        Map<String, String> settings = new LinkedHashMap<>();
        params.forEach((name, value) -> {
            if (name.startsWith("param_")) {
                queryParams.put(name.substring("param_".length()), value);
            } else if (!TRANSPORT_PARAMS.contains(name) && SETTING_NAME.matcher(name).matches()) {
                settings.put(name, value);
            }
        });
        Sql.Statement statement = Sql.parse(text, queryEnd);
        if (exchange.getRequestMethod().equals("GET") && !(statement instanceof Sql.Plain plain && plain.readOnly())) {
            throw new ChdbException(164, "Code: 164. DB::Exception: Cannot execute query in readonly mode. For queries"
                    + " over HTTP, method GET implies readonly. You should use method POST for modifying queries. (READONLY)");
        }
        if (user.readOnly()) {
            guard.check(user, statement, new String(text, StandardCharsets.UTF_8), database, queryParams);
        }
        ChdbEngine.Result result;
        synchronized (engine) {
            useDatabase(database);
            Map<String, String> before = user.readOnly() ? settingValues(settings.keySet()) : Map.of();
            List<String> applied = applySettings(settings);
            boolean setStatement = statement instanceof Sql.Plain plain && plain.keyword().equals("SET");
            try {
                if (user.readOnly()) {
                    refuseChangedSettings(before);
                }
                result = execute(statement, text, format, queryParams);
            } finally {
                restoreSettings(applied, setStatement);
            }
        }
        String outputFormat = statement instanceof Sql.Plain plain && plain.format() != null ? plain.format() : format;
        Headers out = exchange.getResponseHeaders();
        commonHeaders(out, queryId);
        out.set("X-ClickHouse-Format", outputFormat);
        out.set("Content-Type", contentType(outputFormat));
        out.set("X-ClickHouse-Summary", summary(result));
        byte[] data = result.data();
        if ("1".equals(params.get("compress"))) {
            exchange.sendResponseHeaders(200, data.length == 0 ? -1 : 0);
            if (data.length > 0) {
                try (OutputStream os = exchange.getResponseBody()) {
                    NativeCompression.write(data, os);
                }
            }
        } else {
            sendBytes(exchange, 200, data);
        }
    }

    private ChdbEngine.Result execute(Sql.Statement statement, byte[] text, String format, Map<String, String> params) {
        if (statement instanceof Sql.Insert insert) {
            int end = text.length;
            if (insert.format().equals("Values")) {
                // a statement terminator is not part of the Values data
                while (end > insert.dataOffset() && (text[end - 1] == ';' || Character.isWhitespace(text[end - 1]))) {
                    end--;
                }
            }
            return engine.insert(insert.query(), insert.format(), params, text, insert.dataOffset(),
                    end - insert.dataOffset());
        }
        ChdbEngine.Result result = params.isEmpty()
                ? engine.query(text, format)
                : engine.query(new String(text, StandardCharsets.UTF_8), format, params);
        if (((Sql.Plain) statement).use()) {
            currentDatabase = null;
        }
        return result;
    }

    private void useDatabase(String database) {
        if (!database.equals(currentDatabase)) {
            engine.query(Sql.utf8("USE " + quoteIdentifier(database)), DEFAULT_FORMAT);
            currentDatabase = database;
        }
    }

    /** Applies URL settings to the shared connection; returns the names of those that took. */
    private List<String> applySettings(Map<String, String> settings) {
        List<String> applied = new ArrayList<>();
        for (Map.Entry<String, String> setting : settings.entrySet()) {
            String value = setting.getValue();
            String literal = BARE_VALUE.matcher(value).matches() ? value : quoteString(value);
            try {
                engine.query(Sql.utf8("SET " + setting.getKey() + " = " + literal), DEFAULT_FORMAT);
                applied.add(setting.getKey());
            } catch (ChdbException e) {
                // ClickHouse would reject the query; clients send settings this engine may not know
                log.debug("ignoring setting {}={}: {}", setting.getKey(), value, e.getMessage());
            }
        }
        return applied;
    }

    /** The current values of the known settings among {@code names}. */
    private Map<String, String> settingValues(Set<String> names) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String name : names) {
            if (SETTING_NAME.matcher(name).matches()) {
                String value = new String(engine.query(Sql.utf8("SELECT value FROM system.settings WHERE name = "
                        + quoteString(name)), "TSVRaw").data(), StandardCharsets.UTF_8);
                if (!value.isEmpty()) {
                    values.put(name, value);
                }
            }
        }
        return values;
    }

    /**
     * ClickHouse's readonly = 1 lets a request name a setting only with the value it already has
     * (SettingsConstraints: "Setting isn't checked if value wasn't changed").
     */
    private void refuseChangedSettings(Map<String, String> before) {
        Map<String, String> after;
        try {
            after = settingValues(before.keySet());
        } catch (ChdbException e) {
            // a setting that keeps even this query from running has certainly changed something
            after = Map.of();
        }
        for (Map.Entry<String, String> setting : before.entrySet()) {
            if (!setting.getValue().equals(after.get(setting.getKey()))) {
                throw new ChdbException(164, "Code: 164. DB::Exception: Cannot modify '" + setting.getKey()
                        + "' setting in readonly mode. (READONLY)");
            }
        }
    }

    /**
     * Puts the connection's settings back as they were at startup. Without a session, ClickHouse forgets a
     * request's settings (URL or SET statement) when it ends; the shared connection must too. URL settings are
     * reset by name first, since they may be limits (max_result_rows=1) that would fail the query listing the rest.
     */
    private void restoreSettings(List<String> applied, boolean setStatement) {
        for (String name : applied) {
            setQuietly(name, baseline.containsKey(name) ? quoteString(baseline.get(name)) : "DEFAULT");
        }
        if (!setStatement) {
            return;
        }
        Map<String, String> changed = changedSettings();
        changed.forEach((name, value) -> {
            if (!baseline.containsKey(name)) {
                setQuietly(name, "DEFAULT");
            }
        });
        baseline.forEach((name, value) -> {
            if (!value.equals(changed.get(name))) {
                setQuietly(name, quoteString(value));
            }
        });
    }

    private void setQuietly(String name, String literal) {
        try {
            engine.query(Sql.utf8("SET " + name + " = " + literal), DEFAULT_FORMAT);
        } catch (ChdbException e) {
            log.warn("could not restore setting {}: {}", name, e.getMessage());
        }
    }

    /** Settings that differ from their defaults; the query lists plain names and TSV-escaped values. */
    private Map<String, String> changedSettings() {
        String tsv = new String(engine.query(Sql.utf8("SELECT name, value FROM system.settings WHERE changed"),
                DEFAULT_FORMAT).data(), StandardCharsets.UTF_8);
        Map<String, String> settings = new LinkedHashMap<>();
        for (String line : tsv.split("\n")) {
            int tab = line.indexOf('\t');
            if (tab > 0) {
                settings.put(line.substring(0, tab), unescapeTsv(line.substring(tab + 1)));
            }
        }
        return settings;
    }

    private static String unescapeTsv(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char next = s.charAt(++i);
                out.append(switch (next) {
                    case 't' -> '\t';
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    case '0' -> '\0';
                    default -> next;
                });
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** The user the request names, ClickHouse's three ways; "default" with an empty password when it names none. */
    private ClickHouseUser authenticate(Headers in, Map<String, String> params) {
        String givenUser = in.getFirst("X-ClickHouse-User");
        String givenPassword = in.getFirst("X-ClickHouse-Key");
        String authorization = in.getFirst("Authorization");
        if (givenUser == null && authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new AuthenticationFailed("default", false);
            }
            int colon = decoded.indexOf(':');
            givenUser = colon < 0 ? decoded : decoded.substring(0, colon);
            givenPassword = colon < 0 ? "" : decoded.substring(colon + 1);
        }
        if (givenUser == null) {
            givenUser = params.get("user");
            givenPassword = params.get("password");
        }
        boolean anonymous = givenUser == null && givenPassword == null;
        String name = givenUser == null ? "default" : givenUser;
        byte[] secret = (givenPassword == null ? "" : givenPassword).getBytes(StandardCharsets.UTF_8);
        ClickHouseUser user = users.get(name);
        byte[] expected = (user == null ? "" : user.password()).getBytes(StandardCharsets.UTF_8);
        // compared even for an unknown name, so the answer takes as long either way
        if (!MessageDigest.isEqual(secret, expected) || user == null) {
            throw new AuthenticationFailed(name, anonymous);
        }
        return user;
    }

    private static byte[] decode(byte[] body, String contentEncoding, boolean nativeCompressed) throws IOException {
        byte[] decoded = body;
        if (contentEncoding != null && !contentEncoding.isBlank() && body.length > 0) {
            String encoding = contentEncoding.trim().toLowerCase(Locale.ROOT);
            InputStream stream = switch (encoding) {
                case "gzip", "x-gzip" -> new GZIPInputStream(new ByteArrayInputStream(body));
                case "deflate" -> new InflaterInputStream(new ByteArrayInputStream(body));
                case "identity" -> null;
                default -> throw new ChdbException(1, "Code: 1. DB::Exception: Content-Encoding " + encoding
                        + " is not supported by this endpoint; use gzip, deflate or compress=1/decompress=1."
                        + " (UNSUPPORTED_METHOD)");
            };
            if (stream != null) {
                try (stream) {
                    decoded = stream.readAllBytes();
                }
            }
        }
        return nativeCompressed && decoded.length > 0 ? NativeCompression.read(decoded) : decoded;
    }

    private void sendError(HttpExchange exchange, String queryId, ChdbException e) {
        String message = e.serverMessage();
        if (!message.contains("(version ")) {
            message += " (version " + version + ")";
        }
        try {
            Headers out = exchange.getResponseHeaders();
            out.clear();
            commonHeaders(out, queryId == null ? "" : queryId);
            out.set("X-ClickHouse-Exception-Code", Integer.toString(e.code()));
            if (e instanceof AuthenticationFailed failed && failed.anonymous) {
                out.set("WWW-Authenticate", "Basic realm=\"ClickHouse server HTTP API\"");
            }
            sendText(exchange, httpStatus(e), message + "\n");
        } catch (IOException | RuntimeException ignored) {
            // headers already sent or the client is gone: ClickHouse too can only drop the connection then
        }
    }

    private void commonHeaders(Headers out, String queryId) {
        // below the JDK server's 30 s idle close, so pooled client connections are dropped before the server drops them
        out.set("Keep-Alive", "timeout=10");
        out.set("X-ClickHouse-Query-Id", queryId);
        out.set("X-ClickHouse-Timezone", timezone);
        out.set("X-ClickHouse-Server-Display-Name", displayName);
    }

    /** ClickHouse's exceptionCodeToHTTPStatus, for the codes a local user will meet. */
    static int httpStatus(ChdbException e) {
        if (e instanceof AuthenticationFailed failed) {
            return failed.anonymous ? 401 : 403;
        }
        return switch (e.code()) {
            case 194 -> 401;
            case 164, 192, 193, 497, 512, 516 -> 403;
            case 6, 25, 26, 27, 32, 36, 38, 41, 42, 43, 53, 62, 72, 117, 130, 167, 168, 169, 170, 386, 403 -> 400;
            case 46, 47, 50, 56, 60, 63, 73, 81, 115, 161, 180, 217, 491 -> 404;
            case 48 -> 501;
            case 159 -> 408;
            case 202 -> 503;
            default -> 500;
        };
    }

    private static String summary(ChdbEngine.Result r) {
        return "{\"read_rows\":\"" + r.readRows() + "\",\"read_bytes\":\"" + r.readBytes()
                + "\",\"written_rows\":\"" + r.writtenRows() + "\",\"written_bytes\":\"" + r.writtenBytes()
                + "\",\"total_rows_to_read\":\"" + r.readRows() + "\",\"result_rows\":\"" + r.resultRows()
                + "\",\"result_bytes\":\"" + r.resultBytes() + "\",\"elapsed_ns\":\"" + r.elapsedNanos() + "\"}";
    }

    private static String contentType(String format) {
        String f = format.toLowerCase(Locale.ROOT);
        if (f.startsWith("tabseparated") || f.startsWith("tsv")) {
            return "text/tab-separated-values; charset=UTF-8";
        }
        if (f.startsWith("csv")) {
            return "text/csv; charset=UTF-8";
        }
        if (f.startsWith("json")) {
            return "application/json; charset=UTF-8";
        }
        if (f.startsWith("rowbinary") || f.equals("native") || f.startsWith("parquet") || f.startsWith("arrow")
                || f.startsWith("orc") || f.startsWith("avro") || f.equals("msgpack") || f.startsWith("protobuf")) {
            return "application/octet-stream";
        }
        return "text/plain; charset=UTF-8";
    }

    private static void sendText(HttpExchange exchange, int status, String text) throws IOException {
        if (exchange.getResponseHeaders().getFirst("Content-Type") == null) {
            exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=UTF-8");
        }
        sendBytes(exchange, status, text.getBytes(StandardCharsets.UTF_8));
    }

    private static void sendBytes(HttpExchange exchange, int status, byte[] data) throws IOException {
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, data.length == 0 || head ? -1 : data.length);
        if (data.length > 0 && !head) {
            try (OutputStream os = exchange.getResponseBody()) {
                os.write(data);
            }
        }
    }

    private static byte[] concat(String query, byte[] body) {
        if (query.isEmpty()) {
            return body;
        }
        byte[] q = Sql.utf8(query);
        if (body.length == 0) {
            return q;
        }
        // ClickHouse joins the two with a newline, so data may start right at the body
        ByteArrayOutputStream joined = new ByteArrayOutputStream(q.length + 1 + body.length);
        joined.writeBytes(q);
        joined.write('\n');
        joined.writeBytes(body);
        return joined.toByteArray();
    }

    private static Map<String, String> urlParams(String rawQuery) {
        Map<String, String> params = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return params;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.put(name, value);
        }
        return params;
    }

    private static String firstNonEmpty(String... candidates) {
        for (String c : candidates) {
            if (c != null && !c.isEmpty()) {
                return c;
            }
        }
        return null;
    }

    private static String quoteIdentifier(String name) {
        return "`" + name.replace("\\", "\\\\").replace("`", "\\`") + "`";
    }

    private static String quoteString(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    /** Wrong or unknown credentials; {@code anonymous} when the request carried none. */
    private static final class AuthenticationFailed extends ChdbException {
        final boolean anonymous;

        AuthenticationFailed(String user, boolean anonymous) {
            super(516, "Code: 516. DB::Exception: " + user + ": Authentication failed: password is incorrect,"
                    + " or there is no user with such name. (AUTHENTICATION_FAILED)");
            this.anonymous = anonymous;
        }
    }
}
