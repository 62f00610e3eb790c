package com.xiaoneng.localstack;

/**
 * One line of the launcher's health summary.
 *
 * @param name    service or app name (postgres, kafka, clickhouse, command-side, ...)
 * @param state   what the last check found
 * @param address where clients reach it (JDBC URL, bootstrap servers, HTTP URL), or null when not running
 * @param detail  extra words for a person: user, log file, why it was skipped or is down
 */
public record LocalStackStatus(String name, State state, String address, String detail) {

    public enum State {
        /** Started here and answering its health check. */
        UP,
        /** Started here but not (yet) answering, or exited. */
        DOWN,
        /** Configured to use an outside address; not started here and not checked. */
        EXTERNAL,
        /** Not started: switched off with SKIP, or its jar is not built yet. */
        SKIPPED
    }

    static LocalStackStatus up(String name, String address, String detail) {
        return new LocalStackStatus(name, State.UP, address, detail);
    }

    static LocalStackStatus down(String name, String address, String detail) {
        return new LocalStackStatus(name, State.DOWN, address, detail);
    }

    static LocalStackStatus external(String name, String address) {
        return new LocalStackStatus(name, State.EXTERNAL, address, "configured, not started here");
    }

    static LocalStackStatus skipped(String name, String detail) {
        return new LocalStackStatus(name, State.SKIPPED, null, detail);
    }
}
