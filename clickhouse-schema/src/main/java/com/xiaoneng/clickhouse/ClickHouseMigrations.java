package com.xiaoneng.clickhouse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Applies the versioned schema in {@code clickhouse/migrations/} (listed in order by its
 * {@code index.txt}, files {@code V<n>__<name>.sql}) and records each in
 * {@code <database>.schema_migrations} with its checksum. An applied migration is skipped; one whose
 * file changed since it was applied is an error (add a new version instead). Statements are
 * IF NOT EXISTS, so a run that died half-way is simply run again.
 *
 * <p>The files are written for one server. {@link #applyOnCluster} derives the sharded, replicated
 * form of each statement from them ({@link #onCluster}), so a schema change is written once.
 */
public final class ClickHouseMigrations {
    public static final String MIGRATIONS = "clickhouse/migrations";

    private static final Logger LOG = LoggerFactory.getLogger(ClickHouseMigrations.class);
    private static final Pattern STATEMENT_END = Pattern.compile(";\\s*(\\n|$)");
    private static final Pattern DATABASE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private static final String ON_CLUSTER = " ON CLUSTER '{cluster}'";
    private static final Pattern LEADING_COMMENTS = Pattern.compile("^(--[^\\n]*\\n\\s*)+");
    private static final Pattern CREATE_TABLE = Pattern.compile("CREATE TABLE IF NOT EXISTS \\$\\{database}\\.(\\w+)"
            + "(\\s*\\(.*\\)\\s*)ENGINE = (\\w*MergeTree)(?:\\(([^)]*)\\))?(\\s.*)?", Pattern.DOTALL);
    private static final Pattern CASE_ID_COLUMN = Pattern.compile("^\\s*case_id\\s", Pattern.MULTILINE);
    private static final Pattern CREATE_VIEW = Pattern.compile("CREATE MATERIALIZED VIEW IF NOT EXISTS (\\$\\{database}\\.\\w+)"
            + " TO (\\$\\{database}\\.\\w+) AS(.*)", Pattern.DOTALL);
    private static final Pattern TABLE_REFERENCE = Pattern.compile("\\$\\{database}\\.\\w+");
    private static final Pattern VIEW_SOURCE = Pattern.compile("(\\sFROM \\$\\{database}\\.\\w+)(\\s)");
    private static final Pattern ALTER_COLUMNS = Pattern.compile("ALTER TABLE (\\$\\{database}\\.\\w+)"
            + "(\\s+(ADD|DROP|MODIFY|RENAME|COMMENT) COLUMN\\s.*)", Pattern.DOTALL);
    /** Changes of a table's storage, not its columns: they concern the local (replicated) table only. */
    private static final Pattern ALTER_STORAGE = Pattern.compile("ALTER TABLE (\\$\\{database}\\.\\w+)"
            + "(\\s+(MODIFY SETTING|(ADD|DROP|MATERIALIZE|CLEAR) PROJECTION)\\s.*)", Pattern.DOTALL);
    private static final Pattern DROP_VIEW = Pattern.compile("DROP VIEW IF EXISTS \\$\\{database}\\.\\w+");
    private static final Pattern DROP_TABLE = Pattern.compile("DROP TABLE IF EXISTS (\\$\\{database}\\.\\w+)");

    private ClickHouseMigrations() {
    }

    /** Brings {@code database} (created if missing) up to the newest schema, on a single server. */
    public static void apply(Connection connection, String database) throws SQLException {
        apply(connection, database, false);
    }

    /**
     * As {@link #apply(Connection, String)} on a sharded, replicated cluster, against any node: every
     * statement of the migrations in its {@link #onCluster} form, recorded under the file's checksum in a
     * replicated {@code schema_migrations}. Needs ClickHouse Keeper and the macros {@code {cluster}},
     * {@code {shard}} and {@code {replica}} on every node.
     */
    public static void applyOnCluster(Connection connection, String database) throws SQLException {
        apply(connection, database, true);
    }

    private static void apply(Connection connection, String database, boolean cluster) throws SQLException {
        if (!DATABASE_NAME.matcher(database).matches()) {
            throw new IllegalArgumentException("not a plain database name: " + database);
        }
        List<Migration> migrations = load(database, cluster);
        // on a cluster, DDL goes to every node and the record is replicated like the tables
        String onCluster = cluster ? ON_CLUSTER : "";
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE IF NOT EXISTS " + database + onCluster);
            statement.execute("CREATE TABLE IF NOT EXISTS " + database + ".schema_migrations" + onCluster
                    + " (version UInt32, name String, checksum String, applied_at DateTime64(3, 'UTC') DEFAULT now64(3))"
                    + (cluster
                    ? " ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/" + database + "/schema_migrations', '{replica}')"
                    : " ENGINE = ReplacingMergeTree")
                    + " ORDER BY version");
        }
        for (Migration migration : migrations) {
            String applied = appliedChecksum(connection, database, migration.version());
            if (applied != null) {
                if (!applied.equals(migration.checksum())) {
                    throw new IllegalStateException("migration " + migration.file() + " changed after it was applied"
                            + " to " + database + " (checksum " + applied + ", now " + migration.checksum()
                            + "); add a new version instead");
                }
                continue;
            }
            try (Statement statement = connection.createStatement()) {
                for (String sql : migration.statements()) {
                    statement.execute(sql);
                }
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + database
                    + ".schema_migrations (version, name, checksum) VALUES (?, ?, ?)")) {
                insert.setInt(1, migration.version());
                insert.setString(2, migration.file());
                insert.setString(3, migration.checksum());
                insert.executeUpdate();
            }
            LOG.info("ClickHouse {}: applied {}", database, migration.file());
        }
    }

    private static String appliedChecksum(Connection connection, String database, int version) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT checksum FROM " + database
                + ".schema_migrations FINAL WHERE version = ?")) {
            query.setInt(1, version);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        }
    }

    /** Every listed migration for {@code database}, its statements in the single-node or the cluster form. */
    public static List<Migration> load(String database, boolean cluster) {
        List<Migration> migrations = new ArrayList<>();
        for (String file : read(MIGRATIONS + "/index.txt").lines().map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList()) {
            String text = read(MIGRATIONS + "/" + file);
            int version = Integer.parseInt(file.substring(1, file.indexOf("__")));
            List<String> statements = split(text).stream()
                    .flatMap(sql -> cluster ? onCluster(sql).stream() : Stream.of(sql))
                    .map(sql -> sql.replace("${database}", database))
                    .toList();
            migrations.add(new Migration(version, file, sha256(text), statements));
        }
        if (migrations.isEmpty()) {
            throw new IllegalStateException("no migrations listed in " + MIGRATIONS + "/index.txt");
        }
        return migrations;
    }

    /** The statements of a script (split at a {@code ;} ending a line), comments-only parts left out. */
    public static List<String> split(String script) {
        List<String> statements = new ArrayList<>();
        for (String part : STATEMENT_END.split(script)) {
            boolean code = part.lines().map(String::strip).anyMatch(line -> !line.isEmpty() && !line.startsWith("--"));
            if (code) {
                statements.add(part.strip());
            }
        }
        return statements;
    }

    /**
     * The cluster form of a single-node statement (leading comments dropped, {@code ${database}} kept).
     * Each table {@code <name>} becomes {@code <name>_local}, its engine replicated per shard
     * ({@code X(args)} becomes {@code ReplicatedX('/clickhouse/tables/{shard}/{database}/{table}', '{replica}', args)}),
     * plus {@code <name>}, a {@code Distributed} table over it, so the job and the dashboards keep the table
     * names. Rows are sharded by {@code cityHash64(case_id)}, so every version and event of a case is on one
     * shard and FINAL and the uniqExact states stay exact per shard; a table without {@code case_id} (the
     * rollup, filled on each shard by its view) is spread by {@code rand()}, which only routes reads. A
     * materialized view runs on every shard over the local table it reads, into the local target table. A
     * column ALTER goes to the local table and then to the Distributed one (which holds only the columns); a
     * setting or projection ALTER to the local table only (a projection is stored with the local parts, and reads
     * through the Distributed table use it on each shard); a dropped table is dropped in both forms.
     * Every statement runs ON CLUSTER; any other kind of statement is refused until it is given a form here.
     */
    static List<String> onCluster(String statement) {
        String sql = LEADING_COMMENTS.matcher(statement).replaceFirst("");
        Matcher m;
        if ((m = CREATE_TABLE.matcher(sql)).matches()) {
            String name = m.group(1);
            String args = m.group(4) == null || m.group(4).isBlank() ? "" : ", " + m.group(4);
            String key = CASE_ID_COLUMN.matcher(m.group(2)).find() ? "cityHash64(case_id)" : "rand()";
            return List.of(
                    "CREATE TABLE IF NOT EXISTS ${database}." + name + "_local" + ON_CLUSTER + m.group(2)
                            + "ENGINE = Replicated" + m.group(3) + "('/clickhouse/tables/{shard}/{database}/{table}',"
                            + " '{replica}'" + args + ")" + (m.group(5) == null ? "" : m.group(5)),
                    "CREATE TABLE IF NOT EXISTS ${database}." + name + ON_CLUSTER + " AS ${database}." + name + "_local"
                            + "\nENGINE = Distributed('{cluster}', '${database}', '" + name + "_local', " + key + ")");
        }
        if ((m = CREATE_VIEW.matcher(sql)).matches()) {
            String query = m.group(3);
            Matcher source = VIEW_SOURCE.matcher(query);
            if (TABLE_REFERENCE.matcher(query).results().count() != 1 || !source.find()) {
                throw new IllegalArgumentException("no cluster form for a view that does not read one table: " + sql);
            }
            return List.of("CREATE MATERIALIZED VIEW IF NOT EXISTS " + m.group(1) + ON_CLUSTER + " TO " + m.group(2)
                    + "_local AS" + source.replaceFirst("$1_local$2"));
        }
        if ((m = ALTER_COLUMNS.matcher(sql)).matches()) {
            return List.of("ALTER TABLE " + m.group(1) + "_local" + ON_CLUSTER + m.group(2),
                    "ALTER TABLE " + m.group(1) + ON_CLUSTER + m.group(2));
        }
        if ((m = ALTER_STORAGE.matcher(sql)).matches()) {
            return List.of("ALTER TABLE " + m.group(1) + "_local" + ON_CLUSTER + m.group(2));
        }
        if (DROP_VIEW.matcher(sql).matches()) {
            return List.of(sql + ON_CLUSTER + " SYNC");
        }
        if ((m = DROP_TABLE.matcher(sql)).matches()) {
            return List.of(sql + ON_CLUSTER + " SYNC", "DROP TABLE IF EXISTS " + m.group(1) + "_local" + ON_CLUSTER + " SYNC");
        }
        throw new IllegalArgumentException("no cluster form for: " + sql);
    }

    private static String read(String resource) {
        try (InputStream in = ClickHouseMigrations.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One migration file: its version, name, checksum of its text and its statements. */
    public record Migration(int version, String file, String checksum, List<String> statements) {
    }
}
