package com.xiaoneng.demo.simulator;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A past period's cases, numbered day by day: case n of the period is always the same case for the same
 * seed, so a re-run sends the same commands with the same Idempotency-Keys, and a longer period contains
 * the cases of a shorter one.
 */
public final class Backfill {
    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

    private final Planner planner;
    private final long seed;
    private final List<LocalDate> days = new ArrayList<>();
    /** cumulative[i] = cases before days[i]; the last entry is the total. */
    private final long[] cumulative;

    public Backfill(Planner planner, long seed, LocalDate from, LocalDate to, int casesPerDay) {
        this(planner, seed, from, to);
        for (int i = 0; i < days.size(); i++) {
            cumulative[i + 1] = cumulative[i] + Math.round(casesPerDay * planner.dayWeight(days.get(i)));
        }
    }

    /** Exactly {@code totalCases} cases, spread over the days by their weight (working days 4 × the others). */
    public static Backfill ofTotal(Planner planner, long seed, LocalDate from, LocalDate to, long totalCases) {
        Backfill backfill = new Backfill(planner, seed, from, to);
        double[] weightBefore = new double[backfill.days.size() + 1];
        for (int i = 0; i < backfill.days.size(); i++) {
            weightBefore[i + 1] = weightBefore[i] + planner.dayWeight(backfill.days.get(i));
        }
        double total = weightBefore[backfill.days.size()];
        for (int i = 1; i <= backfill.days.size(); i++) {
            backfill.cumulative[i] = Math.round(totalCases * weightBefore[i] / total);
        }
        return backfill;
    }

    private Backfill(Planner planner, long seed, LocalDate from, LocalDate to) {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("--to " + to + " is before --from " + from);
        }
        this.planner = planner;
        this.seed = seed;
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            days.add(day);
        }
        cumulative = new long[days.size() + 1];
    }

    public long totalCases() {
        return cumulative[days.size()];
    }

    /** Case n (0-based, in day order); steps after {@code notAfter} are left out. */
    public CasePlan plan(long n, Instant notAfter) {
        // the last day starting at or before n (days without cases share their start with the next day)
        int dayIndex = 0;
        for (int hi = days.size() - 1; dayIndex < hi; ) {
            int mid = (dayIndex + hi + 1) >>> 1;
            if (cumulative[mid] <= n) {
                dayIndex = mid;
            } else {
                hi = mid - 1;
            }
        }
        LocalDate day = days.get(dayIndex);
        long index = n - cumulative[dayIndex];
        String caseId = "S%s-%s-%05d".formatted(Long.toUnsignedString(seed, 36), day.format(DAY), index);
        return planner.planOn(caseId, caseSeed(seed, day, index), day, notAfter);
    }

    static long caseSeed(long seed, LocalDate day, long index) {
        return mix(seed ^ mix(day.toEpochDay() ^ mix(index)));
    }

    /** The MurmurHash3 finaliser: neighbouring inputs give unrelated seeds. */
    static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }

    /** Sends every case with {@code clients} concurrent cases, each case's steps in order. */
    static void run(Config config, Stats stats, AtomicBoolean stop) {
        if (config.from() == null || config.to() == null) {
            throw new IllegalArgumentException("a backfill needs --from and --to");
        }
        CommandClient client = config.client();
        Planner planner = CaseSimulator.planner(config, client);
        Backfill backfill = new Backfill(planner, config.seed(), config.from(), config.to(), config.casesPerDay());
        // steps still in the future stay unsent: the server refuses them, and the case is simply still open
        Instant notAfter = Instant.now().minusSeconds(60);
        StepSender sender = new StepSender(client, stats, true);
        AtomicLong next = new AtomicLong();
        long total = backfill.totalCases();
        ExecutorService workers = Executors.newFixedThreadPool(config.clients());
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        ProgressLine progress = config.out() == null ? null : new ProgressLine(config.out());
        if (progress != null) {
            config.out().printf("backfill %s .. %s: %d cases, seed %d, %d clients, against %s%n", config.from(),
                    config.to(), total, config.seed(), config.clients(), config.commandUrl());
            ticker.scheduleAtFixedRate(() -> progress.cases(stats, total), 0, 500, TimeUnit.MILLISECONDS);
        }
        for (int i = 0; i < config.clients(); i++) {
            workers.execute(() -> {
                for (long n = next.getAndIncrement(); n < total && !stop.get(); n = next.getAndIncrement()) {
                    CasePlan plan = backfill.plan(n, notAfter);
                    for (Step step : plan.steps()) {
                        if (!sender.send(plan, step, step.at())) {
                            break;
                        }
                    }
                    stats.caseDone();
                }
            });
        }
        workers.shutdown();
        try {
            workers.awaitTermination(Long.MAX_VALUE, TimeUnit.DAYS);
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        } finally {
            ticker.shutdownNow();
        }
        if (progress != null) {
            progress.cases(stats, total);
            progress.finish();
            config.out().println(stats.summary());
        }
    }
}
