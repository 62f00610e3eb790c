package com.xiaoneng.chdb;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ClickHouse's {@code readonly = 1} for the endpoint's read-only users. chDB itself cannot enforce it on the one
 * shared connection (readonly could never be switched off again), so each statement is first read by chDB's own
 * parser: {@code formatQuerySingleLine} refuses two statements in one request (chDB would run both) and gives a
 * canonical text without comments, {@code EXPLAIN AST} lists every function the statement calls. Then:
 * <ul>
 *   <li>SELECT, WITH, SHOW, DESCRIBE, EXISTS, EXPLAIN and USE run; everything else is refused (READONLY, 164);</li>
 *   <li>except CREATE TABLE (a MergeTree), INSERT INTO and CREATE DATABASE on the user's own tables;</li>
 *   <li>no SETTINGS clause, no INTO OUTFILE / FROM INFILE, and no table function but the pure generators and views:
 *       file, url, s3, remote, mysql, executable and the rest would read the machine's files or other servers.</li>
 * </ul>
 */
final class ReadOnlyGuard {

    /** Table functions that read nothing outside the database: generators, inline data, views of its tables. */
    private static final Set<String> PURE_TABLE_FUNCTIONS = Set.of("numbers", "numbers_mt", "zeros", "zeros_mt",
            "generaterandom", "generateseries", "generate_series", "values", "sqlstandardvalues", "primes", "null",
            "loop", "view", "viewifpermitted", "viewexplain", "merge", "format", "fuzzjson", "fuzzquery");
    private static final Set<String> READ_KEYWORDS =
            Set.of("SELECT", "WITH", "SHOW", "DESCRIBE", "DESC", "EXISTS", "EXPLAIN", "USE");
    /** Strings, quoted identifiers, words, single symbols of a canonical (comment-free) statement. */
    private static final Pattern TOKEN = Pattern.compile(
            "'(?:[^'\\\\]|\\\\.)*'|`((?:[^`\\\\]|\\\\.)*)`|\"((?:[^\"\\\\]|\\\\.)*)\"|([A-Za-z_][A-Za-z0-9_]*)|\\S",
            Pattern.DOTALL);
    private static final Pattern FUNCTION_LINE = Pattern.compile("^\\s*Function (\\S+)");

    private final ChdbEngine engine;
    /** Lower-cased names of the table functions the engine knows, less the pure ones. */
    private final Set<String> outsideReaching;

    ReadOnlyGuard(ChdbEngine engine) {
        this.engine = engine;
        Set<String> names = new HashSet<>();
        for (String name : text(engine.query(Sql.utf8("SELECT name FROM system.table_functions"), "TSVRaw")).split("\n")) {
            String lower = name.strip().toLowerCase(Locale.ROOT);
            if (!lower.isEmpty() && !PURE_TABLE_FUNCTIONS.contains(lower)) {
                names.add(lower);
            }
        }
        this.outsideReaching = Set.copyOf(names);
    }

    /**
     * Refuses {@code statement} unless {@code user} may run it.
     *
     * @param text     the statement as it will run; for an INSERT with data, the part before the data
     * @param database the request's current database, for unqualified table names
     * @param params   the request's query parameters ({@code param_*}), which EXPLAIN needs to parse placeholders
     * @throws ChdbException READONLY (164), or the parser's SYNTAX_ERROR (62) for two statements or bad SQL
     */
    void check(ClickHouseUser user, Sql.Statement statement, String text, String database, Map<String, String> params) {
        String sql = statement instanceof Sql.Insert insert ? insert.query() + " FORMAT " + insert.format() : text;
        String canonical = text(engine.query(Sql.utf8("SELECT formatQuerySingleLine(" + quote(sql) + ")"), "RawBLOB"));
        List<String> words = words(canonical);
        String first = words.isEmpty() ? "" : words.get(0).toUpperCase(Locale.ROOT);
        for (int i = 0; i + 1 < words.size(); i++) {
            String pair = (words.get(i) + " " + words.get(i + 1)).toUpperCase(Locale.ROOT);
            if (pair.equals("INTO OUTFILE") || pair.equals("FROM INFILE")) {
                throw readOnly(user, pair + " is not allowed");
            }
        }
        if (!READ_KEYWORDS.contains(first) && !ownTableStatement(user, words, database)) {
            throw readOnly(user, null);
        }
        String ast = text(engine.query("EXPLAIN AST " + canonical, "TSVRaw", params));
        boolean engineNext = false;
        for (String line : ast.split("\n")) {
            if (line.strip().equals("Set")) {
                throw new ChdbException(164, "Code: 164. DB::Exception: Cannot modify settings in readonly mode"
                        + " (SETTINGS clause). (READONLY)");
            }
            Matcher function = FUNCTION_LINE.matcher(line);
            String name = function.find() ? function.group(1) : null;
            if (engineNext && (name == null || !name.endsWith("MergeTree"))) {
                throw readOnly(user, "its own tables must be MergeTree tables");
            }
            engineNext = line.strip().startsWith("Storage definition");
            if (name != null && outsideReaching.contains(name.toLowerCase(Locale.ROOT))) {
                throw readOnly(user, "table function " + name + " is not allowed");
            }
        }
        if (first.equals("CREATE") && words.contains("TABLE") && !ast.contains("Storage definition")) {
            throw readOnly(user, "its own tables must be MergeTree tables");
        }
    }

    /** CREATE TABLE / INSERT INTO one of the user's own tables, or CREATE DATABASE of their database. */
    private static boolean ownTableStatement(ClickHouseUser user, List<String> words, String database) {
        List<String> upper = words.stream().map(w -> w.toUpperCase(Locale.ROOT)).toList();
        int at;
        if (startsWith(upper, "INSERT", "INTO")) {
            at = upper.size() > 2 && upper.get(2).equals("TABLE") ? 3 : 2;
        } else if (startsWith(upper, "CREATE", "TABLE")) {
            at = startsWith(upper.subList(2, upper.size()), "IF", "NOT", "EXISTS") ? 5 : 2;
        } else if (startsWith(upper, "CREATE", "DATABASE")) {
            at = startsWith(upper.subList(2, upper.size()), "IF", "NOT", "EXISTS") ? 5 : 2;
            String created = at < words.size() ? words.get(at) : "";
            return user.ownTables().stream().anyMatch(t -> t.substring(0, t.indexOf('.')).equals(created));
        } else {
            return false;
        }
        if (at >= words.size()) {
            return false;
        }
        String table = at + 2 < words.size() && words.get(at + 1).equals(".")
                ? words.get(at) + "." + words.get(at + 2)
                : database + "." + words.get(at);
        return user.ownTables().contains(table);
    }

    private static boolean startsWith(List<String> words, String... prefix) {
        if (words.size() < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (!words.get(i).equals(prefix[i])) {
                return false;
            }
        }
        return true;
    }

    /** Words, unquoted identifiers and symbols of {@code canonical}; string literals are left out. */
    private static List<String> words(String canonical) {
        List<String> words = new ArrayList<>();
        Matcher m = TOKEN.matcher(canonical);
        while (m.find()) {
            if (m.group(1) != null) {
                words.add(unescape(m.group(1)));
            } else if (m.group(2) != null) {
                words.add(unescape(m.group(2)));
            } else if (m.group(3) != null || !m.group().startsWith("'")) {
                words.add(m.group());
            }
        }
        return words;
    }

    private static String unescape(String quoted) {
        return quoted.replaceAll("\\\\(.)", "$1");
    }

    private static ChdbException readOnly(ClickHouseUser user, String why) {
        return new ChdbException(164, "Code: 164. DB::Exception: " + user.name() + ": Cannot execute query in readonly mode"
                + (why == null ? "" : ": " + why) + ". (READONLY)");
    }

    private static String quote(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    private static String text(ChdbEngine.Result result) {
        return new String(result.data(), StandardCharsets.UTF_8);
    }
}
