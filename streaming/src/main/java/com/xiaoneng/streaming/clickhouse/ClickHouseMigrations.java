package com.xiaoneng.streaming.clickhouse;

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
import java.util.regex.Pattern;

/**
 * Applies the versioned schema in {@code clickhouse/migrations/} (listed in order by its
 * {@code index.txt}, files {@code V<n>__<name>.sql}) and records each in
 * {@code <database>.schema_migrations} with its checksum. An applied migration is skipped; one whose
 * file changed since it was applied is an error (add a new version instead). Statements are
 * IF NOT EXISTS, so a run that died half-way is simply run again.
 */
public final class ClickHouseMigrations {
    public static final String SINGLE_NODE = "clickhouse/migrations";
    public static final String CLUSTER = "clickhouse/cluster";

    private static final Logger LOG = LoggerFactory.getLogger(ClickHouseMigrations.class);
    private static final Pattern STATEMENT_END = Pattern.compile(";\\s*(\\n|$)");
    private static final Pattern DATABASE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private ClickHouseMigrations() {
    }

    /** Brings {@code database} (created if missing) up to the newest single-node schema. */
    public static void apply(Connection connection, String database) throws SQLException {
        apply(connection, database, SINGLE_NODE);
    }

    /** As {@link #apply(Connection, String)} with the migrations under {@code resourceDir}, e.g. {@link #CLUSTER}. */
    public static void apply(Connection connection, String database, String resourceDir) throws SQLException {
        if (!DATABASE_NAME.matcher(database).matches()) {
            throw new IllegalArgumentException("not a plain database name: " + database);
        }
        List<Migration> migrations = load(resourceDir, database);
        // on a cluster, DDL goes to every node and the record is replicated like the tables
        boolean cluster = resourceDir.equals(CLUSTER);
        String onCluster = cluster ? " ON CLUSTER '{cluster}'" : "";
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

    private static List<Migration> load(String resourceDir, String database) {
        List<Migration> migrations = new ArrayList<>();
        for (String file : read(resourceDir + "/index.txt").lines().map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList()) {
            String text = read(resourceDir + "/" + file);
            int version = Integer.parseInt(file.substring(1, file.indexOf("__")));
            migrations.add(new Migration(version, file, sha256(text), split(text.replace("${database}", database))));
        }
        if (migrations.isEmpty()) {
            throw new IllegalStateException("no migrations listed in " + resourceDir + "/index.txt");
        }
        return migrations;
    }

    static List<String> split(String script) {
        List<String> statements = new ArrayList<>();
        for (String part : STATEMENT_END.split(script)) {
            boolean code = part.lines().map(String::strip).anyMatch(line -> !line.isEmpty() && !line.startsWith("--"));
            if (code) {
                statements.add(part.strip());
            }
        }
        return statements;
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

    private record Migration(int version, String file, String checksum, List<String> statements) {
    }
}
