package com.xiaoneng.demo.simulator;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Sends a case's steps one by one and books the answers. */
final class StepSender {
    private final CommandClient client;
    private final Stats stats;
    private final boolean checkDue;

    /** @param checkDue compare answered due dates with the plan's (only when business times are the planned ones) */
    StepSender(CommandClient client, Stats stats, boolean checkDue) {
        this.client = client;
        this.stats = stats;
        this.checkDue = checkDue;
    }

    /** Sends {@code step} with business time {@code at}; whether the case's later steps may follow. */
    boolean send(CasePlan plan, Step step, Instant at) {
        CommandClient.Reply reply = client.post(step.kind().path(plan.caseId()), idempotencyKey(plan, step), step.body(at));
        int later = plan.steps().size() - step.index() - 1;
        if (reply.status() == 0) {
            stats.failed();
            stats.skipped(later);
            return false;
        }
        stats.sent(step.kind(), reply.replayed());
        if (reply.status() < 300) {
            if (checkDue && step.expectedDue() != null && !step.expectedDue().equals(dueAt(reply))) {
                stats.dueMismatch();
            }
            return true;
        }
        if (reply.status() == 409 && isRace(step.kind(), reply.rule())) {
            stats.race(reply.rule());
        } else {
            stats.rejected(step.kind(), reply.status(), reply.rule());
        }
        stats.skipped(later);
        return false;
    }

    /** Same case and step, same key: a re-run is answered from the command side's idempotency store. */
    static String idempotencyKey(CasePlan plan, Step step) {
        return "sim-" + plan.caseId() + "-" + step.index();
    }

    /**
     * The command side's own deadlines may beat the simulator when their business time is already past: the
     * default rating (5 working days after completion) and the revocation of an uncorrected 容缺受理.
     */
    private static boolean isRace(Step.Kind kind, String rule) {
        return kind == Step.Kind.RATE && "rating.already-given".equals(rule)
                || kind == Step.Kind.CORRECT && "case.revoked".equals(rule);
    }

    private static Instant dueAt(CommandClient.Reply reply) {
        try {
            return reply.body() == null ? null : Instant.parse(reply.body().path("dueAt").asText());
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
