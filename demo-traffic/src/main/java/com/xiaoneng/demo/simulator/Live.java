package com.xiaoneng.demo.simulator;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Live traffic: each case's steps follow each other as planned (divided by the speed-up) with business
 * time = now. Steps that are due go first; whatever is left of the rate starts new cases, so the command
 * side sees the target rate from the first second on.
 */
final class Live {

    /** The next step of a case and when to send it. */
    private record Pending(long dueNanos, CasePlan plan, int step, Instant previousAt) {
    }

    private Live() {
    }

    static void run(Config config, Stats stats, AtomicBoolean stop) {
        if (!(config.rate() > 0) || !(config.speedup() > 0)) {
            throw new IllegalArgumentException("live needs --rate > 0 and --speedup > 0");
        }
        CommandClient client = config.client();
        Planner planner = CaseSimulator.planner(config, client);
        Instant runStart = Instant.now();
        // a new run gets new case ids: live business times differ per run, so keys must not repeat
        String runId = "L%s-%s".formatted(Long.toUnsignedString(config.seed(), 36), Long.toString(runStart.getEpochSecond(), 36));
        StepSender sender = new StepSender(client, stats, false);
        PriorityQueue<Pending> queue = new PriorityQueue<>(Comparator.comparingLong(Pending::dueNanos));
        AtomicInteger open = new AtomicInteger();
        Semaphore slots = new Semaphore(config.clients());
        ExecutorService workers = Executors.newFixedThreadPool(config.clients());
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        ProgressLine progress = config.out() == null ? null : new ProgressLine(config.out());
        if (progress != null) {
            config.out().printf("live traffic at %.1f commands/s, speed-up %.0f, seed %d, against %s%n", config.rate(),
                    config.speedup(), config.seed(), config.commandUrl());
            ticker.scheduleAtFixedRate(() -> progress.live(stats, open.get()), 1, 1, TimeUnit.SECONDS);
        }
        long endNanos = config.duration() == null ? Long.MAX_VALUE : System.nanoTime() + config.duration().toNanos();
        double burst = Math.max(1, config.rate());
        double tokens = 1;
        long refilled = System.nanoTime();
        long caseNumber = 0;
        try {
            while (!stop.get() && System.nanoTime() - endNanos < 0) {
                long now = System.nanoTime();
                tokens = Math.min(burst, tokens + (now - refilled) / 1e9 * config.rate());
                refilled = now;
                if (tokens < 1) {
                    LockSupport.parkNanos((long) ((1 - tokens) / config.rate() * 1e9));
                    continue;
                }
                Pending next;
                synchronized (queue) {
                    next = queue.peek() != null && queue.peek().dueNanos() - now <= 0 ? queue.poll() : null;
                }
                if (next == null) {
                    if (open.get() >= config.maxOpen()) {
                        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
                        continue;
                    }
                    long seed = Backfill.mix(config.seed() ^ Backfill.mix(runStart.getEpochSecond() ^ Backfill.mix(caseNumber)));
                    next = new Pending(now, planner.planAt(runId + "-" + caseNumber, seed, Instant.now()), 0, null);
                    caseNumber++;
                    open.incrementAndGet();
                }
                tokens -= 1;
                slots.acquire();
                Pending pending = next;
                workers.execute(() -> {
                    try {
                        Pending following = send(sender, pending, config.speedup());
                        if (following == null) {
                            open.decrementAndGet();
                            stats.caseDone();
                        } else {
                            synchronized (queue) {
                                queue.add(following);
                            }
                        }
                    } finally {
                        slots.release();
                    }
                });
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            workers.shutdown();
            try {
                workers.awaitTermination(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ticker.shutdownNow();
        }
        if (progress != null) {
            progress.live(stats, open.get());
            progress.finish();
            config.out().println(stats.summary());
            config.out().printf("cases still open when stopped: %d (their remaining steps were not sent)%n", open.get());
        }
    }

    /** Sends the step now; the case's next step, due after the planned gap divided by the speed-up, or null. */
    private static Pending send(StepSender sender, Pending pending, double speedup) {
        Step step = pending.plan().steps().get(pending.step());
        Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        if (pending.previousAt() != null && at.isBefore(pending.previousAt())) {
            at = pending.previousAt();
        }
        if (!sender.send(pending.plan(), step, at) || pending.step() + 1 == pending.plan().steps().size()) {
            return null;
        }
        Step following = pending.plan().steps().get(pending.step() + 1);
        long gapNanos = (long) (java.time.Duration.between(step.at(), following.at()).toNanos() / speedup);
        return new Pending(System.nanoTime() + gapNanos, pending.plan(), pending.step() + 1, at);
    }
}
