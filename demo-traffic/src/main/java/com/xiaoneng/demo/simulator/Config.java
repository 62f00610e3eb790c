package com.xiaoneng.demo.simulator;

import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;

/**
 * Settings of a simulation run. {@link #fromEnvironment} reads COMMAND_URL, SIMULATOR_USER/_PASSWORD and
 * SIMULATOR_ADMIN_USER/_PASSWORD; everything else has a default and a wither.
 *
 * @param commandUrl     the command side
 * @param seed           same seed, same cases (and Idempotency-Keys)
 * @param clients        concurrent HTTP requests at most
 * @param extendCatalog  add each prefecture's copy of the common items first (needs the ADMIN credentials)
 * @param from           backfill: first day (Beijing time)
 * @param to             backfill: last day, inclusive
 * @param casesPerDay    backfill: cases per working day; weekends and holidays get a quarter
 * @param rate           live: commands per second
 * @param speedup        live: how much faster than planned the steps of a case follow each other (1 = real time)
 * @param maxOpen        live: cases in progress at most; new cases wait while this many are open
 * @param duration       live: stop after this long; null = until stopped
 * @param out            progress and summary; null = silent
 */
public record Config(URI commandUrl, String user, String password, String adminUser, String adminPassword,
                     long seed, int clients, boolean extendCatalog, Profile profile,
                     LocalDate from, LocalDate to, int casesPerDay,
                     double rate, double speedup, int maxOpen, Duration duration,
                     PrintStream out) {

    public static final long DEFAULT_SEED = 20251;

    public static Config fromEnvironment() {
        Map<String, String> env = System.getenv();
        return new Config(URI.create(env.getOrDefault("COMMAND_URL", "http://127.0.0.1:8080")),
                env.getOrDefault("SIMULATOR_USER", "agency"), env.getOrDefault("SIMULATOR_PASSWORD", "agency-pass"),
                env.getOrDefault("SIMULATOR_ADMIN_USER", "admin"), env.getOrDefault("SIMULATOR_ADMIN_PASSWORD", "admin-pass"),
                DEFAULT_SEED, 8, true, Profile.DEFAULT, null, null, 200, 10, 1, 50_000, null, System.out);
    }

    public Config withCommandUrl(URI value) {
        return new Config(value, user, password, adminUser, adminPassword, seed, clients, extendCatalog, profile,
                from, to, casesPerDay, rate, speedup, maxOpen, duration, out);
    }

    public Config withSeed(long value) {
        return new Config(commandUrl, user, password, adminUser, adminPassword, value, clients, extendCatalog, profile,
                from, to, casesPerDay, rate, speedup, maxOpen, duration, out);
    }

    public Config withClients(int value) {
        return new Config(commandUrl, user, password, adminUser, adminPassword, seed, value, extendCatalog, profile,
                from, to, casesPerDay, rate, speedup, maxOpen, duration, out);
    }

    public Config withExtendCatalog(boolean value) {
        return new Config(commandUrl, user, password, adminUser, adminPassword, seed, clients, value, profile,
                from, to, casesPerDay, rate, speedup, maxOpen, duration, out);
    }

    public Config withPeriod(LocalDate first, LocalDate last, int perDay) {
        return new Config(commandUrl, user, password, adminUser, adminPassword, seed, clients, extendCatalog, profile,
                first, last, perDay, rate, speedup, maxOpen, duration, out);
    }

    public Config withLive(double commandsPerSecond, double timeSpeedup, int maxOpenCases, Duration runFor) {
        return new Config(commandUrl, user, password, adminUser, adminPassword, seed, clients, extendCatalog, profile,
                from, to, casesPerDay, commandsPerSecond, timeSpeedup, maxOpenCases, runFor, out);
    }

    public Config withOut(PrintStream value) {
        return new Config(commandUrl, user, password, adminUser, adminPassword, seed, clients, extendCatalog, profile,
                from, to, casesPerDay, rate, speedup, maxOpen, duration, value);
    }

    CommandClient client() {
        return new CommandClient(commandUrl, user, password, adminUser, adminPassword);
    }
}
