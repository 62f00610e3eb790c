package com.xiaoneng.demo.simulator;

import com.xiaoneng.calendar.WorkingDayCalendar;

import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Realistic, reproducible case traffic against the command side's HTTP API: {@code backfill} sends a past
 * period as fast as the server takes it, {@code live} keeps a target rate with business time = now.
 * For the launcher: {@link #backfill(Config)} and {@link #live(Config)} return a running {@link Simulation}.
 */
public final class CaseSimulator {

    static final String HELP = """
            Usage: simulate.sh backfill --from YYYY-MM-DD --to YYYY-MM-DD [--cases-per-day N] [options]
                   simulate.sh live [--rate R] [--speedup F] [--max-open N] [--duration 10m|2h|30s] [options]

            Sends simulated service cases (办件) for all Xinjiang prefectures, weighted by population, over the
            command side's catalog: submissions on every channel, acceptances (some 容缺受理), suspensions,
            extensions, completions (a few late, some denied), ratings (about 3% bad) and rectifications.

            backfill   the cases of a past period with their historical business times, each case's steps in
                       order, many cases at once; a progress line, then a summary. Re-running it with the same
                       seed stores nothing new (every POST carries an Idempotency-Key from seed, case, step).
                       --cases-per-day N   cases per working day, a quarter of that on other days (200)
            live       new cases and their next steps at --rate commands per second (10), business time = now.
                       --speedup F         steps of a case follow each other F times faster than planned (1 =
                                           real time; due dates stay real, so with F > 1 almost nothing is late)
                       --max-open N        cases in progress at most (50000)
                       --duration D        stop after D (default: until Ctrl-C)

            options    --seed N            same seed, same cases (20251)
                       --clients N         concurrent HTTP requests (8)
                       --url URL           the command side (COMMAND_URL, default http://127.0.0.1:8080)
                       --no-extend-catalog do not add each prefecture's copy of the common items first
                       --quiet             no progress line and no summary

            environment COMMAND_URL; SIMULATOR_USER / SIMULATOR_PASSWORD (role AGENCY, default agency /
                       agency-pass); SIMULATOR_ADMIN_USER / SIMULATOR_ADMIN_PASSWORD (role ADMIN, for the
                       catalog, default admin / admin-pass). Credentials go as HTTP Basic on every request.

            exit status 0; 1 when the command side refused a step unexpectedly or did not answer (the summary
            lists them by rule), 2 for bad arguments.
            """;

    private CaseSimulator() {
    }

    /** Starts a backfill of {@code config.from()} .. {@code config.to()}. */
    public static Simulation backfill(Config config) {
        return new Simulation("simulator-backfill", (stats, stop) -> Backfill.run(config, stats, stop));
    }

    /** Starts live traffic; runs until {@link Simulation#stop} or {@code config.duration()}. */
    public static Simulation live(Config config) {
        return new Simulation("simulator-live", (stats, stop) -> Live.run(config, stats, stop));
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length == 0 || List.of(args).contains("--help") || List.of(args).contains("-h")) {
            System.out.print(HELP);
            return;
        }
        Config config;
        try {
            config = parse(args, Config.fromEnvironment());
        } catch (IllegalArgumentException e) {
            System.err.println("simulate: " + e.getMessage() + " (--help for usage)");
            System.exit(2);
            return;
        }
        Simulation simulation = args[0].equals("live") ? live(config) : backfill(config);
        Thread hook = new Thread(() -> {
            try {
                simulation.stop();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            Stats stats = simulation.await();
            Runtime.getRuntime().removeShutdownHook(hook);
            System.exit(stats.failures() > 0 || stats.unexpectedRejections() > 0 ? 1 : 0);
        } catch (IllegalStateException e) {
            System.err.println("simulate: " + e.getMessage());
            Runtime.getRuntime().removeShutdownHook(hook);
            System.exit(1);
        }
    }

    static Config parse(String[] args, Config defaults) {
        String mode = args[0];
        if (!mode.equals("backfill") && !mode.equals("live")) {
            throw new IllegalArgumentException("the first argument is backfill or live, not " + mode);
        }
        Config config = defaults;
        LocalDate from = null;
        LocalDate to = null;
        int perDay = defaults.casesPerDay();
        double rate = defaults.rate();
        double speedup = defaults.speedup();
        int maxOpen = defaults.maxOpen();
        Duration duration = defaults.duration();
        for (int i = 1; i < args.length; i++) {
            String option = args[i];
            switch (option) {
                case "--no-extend-catalog" -> config = config.withExtendCatalog(false);
                case "--quiet" -> config = config.withOut(null);
                default -> {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException(option + " needs a value");
                    }
                    String value = args[++i];
                    try {
                        switch (option) {
                            case "--from" -> from = LocalDate.parse(value);
                            case "--to" -> to = LocalDate.parse(value);
                            case "--cases-per-day" -> perDay = positive(option, Integer.parseInt(value));
                            case "--rate" -> rate = positive(option, Double.parseDouble(value));
                            case "--speedup" -> speedup = positive(option, Double.parseDouble(value));
                            case "--max-open" -> maxOpen = positive(option, Integer.parseInt(value));
                            case "--duration" -> duration = duration(value);
                            case "--seed" -> config = config.withSeed(Long.parseLong(value));
                            case "--clients" -> config = config.withClients(positive(option, Integer.parseInt(value)));
                            case "--url" -> config = config.withCommandUrl(URI.create(value));
                            default -> throw new IllegalArgumentException("unknown option " + option);
                        }
                    } catch (NumberFormatException | DateTimeParseException e) {
                        throw new IllegalArgumentException("bad value for " + option + ": " + value);
                    }
                }
            }
        }
        if (mode.equals("backfill")) {
            if (from == null || to == null) {
                throw new IllegalArgumentException("backfill needs --from and --to");
            }
            if (to.isBefore(from)) {
                throw new IllegalArgumentException("--to " + to + " is before --from " + from);
            }
        }
        return config.withPeriod(from, to, perDay).withLive(rate, speedup, maxOpen, duration);
    }

    private static <N extends Number> N positive(String option, N value) {
        if (value.doubleValue() <= 0) {
            throw new IllegalArgumentException(option + " must be > 0");
        }
        return value;
    }

    /** 90s, 10m, 2h, or an ISO-8601 duration (PT1H30M). */
    private static Duration duration(String value) {
        if (value.matches("\\d+[smh]")) {
            long amount = Long.parseLong(value.substring(0, value.length() - 1));
            return switch (value.charAt(value.length() - 1)) {
                case 's' -> Duration.ofSeconds(amount);
                case 'm' -> Duration.ofMinutes(amount);
                default -> Duration.ofHours(amount);
            };
        }
        return Duration.parse(value);
    }

    /** Reads the catalog, first adding the prefectures' copies of the common items when configured. */
    static Planner planner(Config config, CommandClient client) {
        return new Planner(catalog(client, config.extendCatalog(), config.out()), config.profile(), WorkingDayCalendar.shipped());
    }

    private static List<CatalogItem> catalog(CommandClient client, boolean extend, PrintStream out) {
        List<CatalogItem> items = new ArrayList<>(client.catalog());
        if (!extend) {
            return items;
        }
        List<CatalogItem> clones = CatalogItem.missingClones(items);
        int added = 0;
        for (CatalogItem clone : clones) {
            int status = client.putItem(clone);
            if (status == 200 || status == 201) {
                items.add(clone);
                added++;
            } else {
                if (out != null) {
                    out.printf("catalog: PUT %s answered %d; simulating without the missing items (%s)%n", clone.code(),
                            status, status == 401 || status == 403 ? "check SIMULATOR_ADMIN_USER/_PASSWORD" : "see the server log");
                }
                break;
            }
        }
        if (out != null && added > 0) {
            out.printf("catalog: added %d items so that every prefecture offers the common ones%n", added);
        }
        return items;
    }
}
