package com.xiaoneng.chdb;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A user of the ClickHouse endpoint.
 *
 * @param name      the name clients send (HTTP Basic, X-ClickHouse-User or {@code user=})
 * @param password  its password (may be empty)
 * @param readOnly  ClickHouse's {@code readonly = 1}: SELECT, SHOW, DESCRIBE, EXPLAIN, EXISTS and USE only, no
 *                  setting changed, no table function that reaches files, URLs or other servers
 * @param ownTables for a read-only user, tables ({@code database.table}) it may still create and insert into, as
 *                  {@code GRANT CREATE TABLE, INSERT ON db.table} would allow (the query side's own export log)
 */
public record ClickHouseUser(String name, String password, boolean readOnly, Set<String> ownTables) {

    public ClickHouseUser {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a ClickHouse user needs a name");
        }
        password = password == null ? "" : password;
        ownTables = Set.copyOf(ownTables);
        if (!readOnly && !ownTables.isEmpty()) {
            throw new IllegalArgumentException(name + " may write everywhere; own tables are for read-only users");
        }
        ownTables.forEach(t -> {
            if (t.split("\\.", -1).length != 2) {
                throw new IllegalArgumentException("own table " + t + " must be written database.table");
            }
        });
    }

    /** Full rights: the streaming job's user, and the one user of the endpoints other modules' tests start. */
    public static ClickHouseUser writer(String name, String password) {
        return new ClickHouseUser(name, password, false, Set.of());
    }

    public static ClickHouseUser readOnly(String name, String password, String... ownTables) {
        return new ClickHouseUser(name, password, true, Set.of(ownTables));
    }

    public ClickHouseUser withPassword(String newPassword) {
        return new ClickHouseUser(name, newPassword, readOnly, ownTables);
    }

    @Override
    public String toString() {
        return "ClickHouseUser[" + name + (readOnly ? ", read-only" : ", writer")
                + (ownTables.isEmpty() ? "" : ", own " + ownTables) + "]";
    }

    /** The users as one string for the endpoint process's environment (not its command line, which ps shows). */
    static String encode(List<ClickHouseUser> users) {
        Properties p = new Properties();
        for (int i = 0; i < users.size(); i++) {
            ClickHouseUser u = users.get(i);
            p.setProperty(i + ".name", u.name());
            p.setProperty(i + ".password", u.password());
            p.setProperty(i + ".readonly", Boolean.toString(u.readOnly()));
            p.setProperty(i + ".tables", String.join(",", u.ownTables()));
        }
        StringWriter out = new StringWriter();
        try {
            p.store(out, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    static List<ClickHouseUser> decode(String encoded) {
        Properties p = new Properties();
        try {
            p.load(new StringReader(encoded));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<ClickHouseUser> users = new ArrayList<>();
        for (int i = 0; p.containsKey(i + ".name"); i++) {
            String tables = p.getProperty(i + ".tables", "");
            users.add(new ClickHouseUser(p.getProperty(i + ".name"), p.getProperty(i + ".password"),
                    Boolean.parseBoolean(p.getProperty(i + ".readonly")),
                    tables.isEmpty() ? Set.of() : Arrays.stream(tables.split(",")).collect(Collectors.toSet())));
        }
        return users;
    }
}
