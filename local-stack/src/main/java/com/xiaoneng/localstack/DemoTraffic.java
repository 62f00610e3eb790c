package com.xiaoneng.localstack;

import com.xiaoneng.calendar.WorkingDayCalendar;
import com.xiaoneng.demo.simulator.CaseSimulator;
import com.xiaoneng.demo.simulator.Config;
import com.xiaoneng.demo.simulator.Simulation;
import com.xiaoneng.demo.simulator.Stats;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The demo's case traffic through the command side's API, by the case simulator: on the first start a backfilled
 * year of history (its period is fixed in DATA_DIR/simulator so that an interrupted backfill resumes the same cases,
 * and a finished one is never repeated), then live traffic until the launcher stops.
 */
final class DemoTraffic implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DemoTraffic.class);
    static final String PERIOD_FILE = "backfill-period";
    static final String DONE_FILE = "backfill-done";

    /**
     * SIMULATE (on; off = no traffic), SIMULATE_RATE (live commands per second, 5), SIMULATE_SPEEDUP (how much faster
     * than planned a live case's steps follow each other, 60: a demo shows acceptances, completions and ratings within
     * minutes, not days), BACKFILL_CASES_PER_DAY (first start, 50; 0 = none),
     * SIMULATE_SEED (20251).
     */
    record Settings(boolean enabled, double rate, double speedup, int backfillCasesPerDay, long seed) {
        static Settings fromEnv(Map<String, String> env) {
            String simulate = env.getOrDefault("SIMULATE", "on").trim().toLowerCase();
            if (!simulate.equals("on") && !simulate.equals("off")) {
                throw new IllegalArgumentException("SIMULATE must be on or off, got '" + simulate + "'");
            }
            double rate = number(env, "SIMULATE_RATE", 5);
            double speedup = number(env, "SIMULATE_SPEEDUP", 60);
            double perDay = number(env, "BACKFILL_CASES_PER_DAY", 50);
            if (!(rate > 0) || !(speedup > 0) || perDay < 0 || perDay != Math.rint(perDay)) {
                throw new IllegalArgumentException("SIMULATE_RATE and SIMULATE_SPEEDUP must be > 0, "
                        + "BACKFILL_CASES_PER_DAY a whole number >= 0");
            }
            String seed = env.getOrDefault("SIMULATE_SEED", String.valueOf(Config.DEFAULT_SEED)).trim();
            try {
                return new Settings(simulate.equals("on"), rate, speedup, (int) perDay, Long.parseLong(seed));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("SIMULATE_SEED must be a whole number, got '" + seed + "'");
            }
        }

        private static double number(Map<String, String> env, String name, double fallback) {
            String raw = env.get(name);
            if (raw == null || raw.isBlank()) {
                return fallback;
            }
            try {
                return Double.parseDouble(raw.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " must be a number, got '" + raw + "'");
            }
        }
    }

    /** The backfilled period: the year up to yesterday (Beijing time) as of the first start. */
    record Period(LocalDate from, LocalDate to, int casesPerDay, long seed) {
        String line() {
            return from + " " + to + " " + casesPerDay + " " + seed;
        }

        static Period parse(String line) {
            String[] parts = line.trim().split(" ");
            return new Period(LocalDate.parse(parts[0]), LocalDate.parse(parts[1]), Integer.parseInt(parts[2]),
                    Long.parseLong(parts[3]));
        }
    }

    private final Settings settings;
    private final Path dataDir;
    private final URI commandUrl;
    private final PrintStream out;
    private final Thread thread;
    private Simulation current;
    private volatile boolean closing;

    private DemoTraffic(Settings settings, Path dataDir, URI commandUrl, PrintStream out) {
        this.settings = settings;
        this.dataDir = dataDir;
        this.commandUrl = commandUrl;
        this.out = out;
        this.thread = new Thread(this::run, "demo-traffic");
    }

    /** Starts the backfill (first start only) and then live traffic in the background. */
    static DemoTraffic start(Settings settings, Path dataDir, URI commandUrl, PrintStream out) {
        DemoTraffic traffic = new DemoTraffic(settings, dataDir, commandUrl, out);
        traffic.thread.start();
        return traffic;
    }

    /**
     * The period still to backfill, or empty when it is done or switched off. The first call fixes the period in
     * {@code dataDir/simulator}; later calls return the same one until {@link #markBackfillDone} is called.
     */
    static Optional<Period> pendingBackfill(Path dataDir, Settings settings, LocalDate today) {
        Path dir = dataDir.resolve("simulator");
        try {
            if (Files.exists(dir.resolve(DONE_FILE))) {
                return Optional.empty();
            }
            Path periodFile = dir.resolve(PERIOD_FILE);
            if (Files.exists(periodFile)) {
                return Optional.of(Period.parse(Files.readString(periodFile, StandardCharsets.UTF_8)));
            }
            if (settings.backfillCasesPerDay() == 0) {
                return Optional.empty();
            }
            Period period = new Period(today.minusYears(1), today.minusDays(1), settings.backfillCasesPerDay(), settings.seed());
            Files.createDirectories(dir);
            Files.writeString(periodFile, period.line() + "\n", StandardCharsets.UTF_8);
            return Optional.of(period);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the backfill state in " + dir, e);
        }
    }

    static void markBackfillDone(Path dataDir, Period period) {
        try {
            Files.writeString(dataDir.resolve("simulator").resolve(DONE_FILE), period.line() + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void run() {
        try {
            Config base = Config.fromEnvironment().withCommandUrl(commandUrl).withSeed(settings.seed()).withOut(out);
            Optional<Period> backfill = pendingBackfill(dataDir, settings,
                    LocalDate.now(WorkingDayCalendar.ZONE));
            if (backfill.isPresent()) {
                Period period = backfill.get();
                out.printf("backfilling %s .. %s once (%d cases per working day; state in %s); live traffic follows%n",
                        period.from(), period.to(), period.casesPerDay(), dataDir.resolve("simulator"));
                Simulation simulation = begin(() -> CaseSimulator.backfill(base.withSeed(period.seed())
                        .withPeriod(period.from(), period.to(), period.casesPerDay())));
                if (simulation == null) {
                    return;
                }
                Stats stats = simulation.await();
                if (closing) {
                    return;
                }
                if (stats.failures() == 0) {
                    markBackfillDone(dataDir, period);
                } else {
                    // steps without an answer are sent again (idempotently) at the next start
                    out.printf("backfill: %d requests got no answer; the next start resumes it%n", stats.failures());
                }
            }
            Simulation live = begin(() -> CaseSimulator.live(base.withLive(settings.rate(), settings.speedup(), 50_000, null)));
            if (live != null) {
                live.await();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn("Simulated traffic stopped: {}", e.getMessage());
            out.println("simulated traffic stopped: " + e.getMessage());
        }
    }

    /** Starts a simulation unless the launcher is stopping (then null). */
    private synchronized Simulation begin(Supplier<Simulation> start) {
        if (closing) {
            return null;
        }
        current = start.get();
        return current;
    }

    /** Stops the running simulation (requests in flight finish) before the apps go down. */
    @Override
    public void close() throws InterruptedException {
        Simulation simulation;
        synchronized (this) {
            closing = true;
            simulation = current;
        }
        if (simulation != null) {
            simulation.stop();
        }
        thread.join(60_000);
    }
}
