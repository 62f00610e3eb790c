package com.xiaoneng.demo.simulator;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;

/** A running backfill or live simulation: watch it, wait for it, or stop it. */
public final class Simulation {
    private final Stats stats = new Stats();
    private final AtomicBoolean stopRequested = new AtomicBoolean();
    private final CountDownLatch done = new CountDownLatch(1);
    private final Thread thread;
    private volatile RuntimeException failure;

    Simulation(String name, BiConsumer<Stats, AtomicBoolean> body) {
        thread = new Thread(() -> {
            try {
                body.accept(stats, stopRequested);
            } catch (RuntimeException e) {
                failure = e;
            } finally {
                done.countDown();
            }
        }, name);
        thread.start();
    }

    /** Counts so far. */
    public Stats stats() {
        return stats;
    }

    public boolean isDone() {
        return done.getCount() == 0;
    }

    /** Waits until the run ends (a backfill's last case, a live run's duration or {@link #stop}). */
    public Stats await() throws InterruptedException {
        done.await();
        if (failure != null) {
            throw new IllegalStateException("simulation failed: " + failure.getMessage(), failure);
        }
        return stats;
    }

    /** Starts no new case, lets the requests in flight finish (up to a minute) and returns the counts. */
    public Stats stop() throws InterruptedException {
        stopRequested.set(true);
        if (!done.await(1, TimeUnit.MINUTES)) {
            thread.interrupt();
            done.await();
        }
        return stats;
    }
}
