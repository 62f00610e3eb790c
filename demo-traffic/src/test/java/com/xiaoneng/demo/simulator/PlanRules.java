package com.xiaoneng.demo.simulator;

import com.xiaoneng.calendar.WorkingDayCalendar;
import com.xiaoneng.events.CrossRegionMode;
import com.xiaoneng.regions.Regions;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * An independent check of a plan against the command side's rules (docs/events.md, ServiceCase): the state
 * machine, business times never going back, the item's cross-region scope, and the due dates the plan expects.
 */
final class PlanRules {
    private PlanRules() {
    }

    /** What a plan amounts to, for the distribution checks. */
    record Outcome(String handlingRegion, String acceptingRegion, CrossRegionMode mode, String channel,
                   boolean completed, boolean late, Integer score, boolean rectified, boolean revokedAutomatically) {
    }

    /** Throws AssertionError naming the case and the broken rule; otherwise what the case amounts to. */
    @SuppressWarnings("unchecked")
    static Outcome check(CasePlan plan, Map<String, CatalogItem> catalog, WorkingDayCalendar calendar, Instant notAfter) {
        List<Step> steps = plan.steps();
        require(!steps.isEmpty() && steps.get(0).kind() == Step.Kind.SUBMIT, plan, "starts with a submission");
        Map<String, Object> submit = steps.get(0).fields();
        CatalogItem item = catalog.get((String) submit.get("itemCode"));
        require(item != null, plan, "the item is in the catalog");
        String accepting = (String) submit.get("acceptingRegion");
        String handling = (String) submit.get("handlingRegion");
        require(Regions.isValidCode(accepting) && Regions.isValidCode(handling), plan, "valid region codes");
        require(handling.equals(item.regionCode()), plan, "handled by the item's agency's region");
        CrossRegionMode mode = Regions.crossRegionMode(accepting, handling);
        require(item.crossRegionScope().allows(mode, accepting.equals(handling)), plan, "the item's cross-region scope");
        require(plan.caseId().equals(submit.get("caseId")), plan, "caseId in the body");

        String status = "SUBMITTED";
        Instant last = steps.get(0).at();
        LocalDate due = null;
        LocalDate correctionDue = null;
        LocalDate suspendedOn = null;
        Integer score = null;
        boolean late = false;
        boolean rectified = false;
        Instant completedAt = null;
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            require(step.index() == i, plan, "steps numbered in order");
            require(!step.at().isBefore(last), plan, "step " + i + " not before the previous one");
            require(!step.at().isAfter(notAfter), plan, "step " + i + " not after " + notAfter);
            last = step.at();
            Map<String, Object> f = step.fields();
            switch (step.kind()) {
                case SUBMIT -> require(i == 0, plan, "one submission");
                case ACCEPT -> {
                    require(status.equals("SUBMITTED"), plan, "accept only a submitted case");
                    status = "ACCEPTED";
                    due = calendar.dueAfterAcceptance(step.at(), item.promisedLimitDays()).day();
                    if (f.containsKey("deficiency")) {
                        Map<String, Object> deficiency = (Map<String, Object>) f.get("deficiency");
                        require(!((List<String>) deficiency.get("missing")).isEmpty(), plan, "deficiency names materials");
                        correctionDue = calendar.dueAfterAcceptance(step.at(), (Integer) deficiency.get("correctionDays")).day();
                    }
                    require(WorkingDayCalendar.endOf(due).equals(step.expectedDue()), plan, "expected due of the acceptance");
                }
                case NOT_ACCEPT -> {
                    require(status.equals("SUBMITTED") && f.get("reason") != null, plan, "refuse only a submitted case, with a reason");
                    status = "NOT_ACCEPTED";
                }
                case CORRECT -> {
                    require(correctionDue != null && isOpen(status), plan, "correct an outstanding deficiency");
                    require(!step.at().isAfter(WorkingDayCalendar.endOf(correctionDue)), plan, "corrected in time");
                    correctionDue = null;
                }
                case SUSPEND -> {
                    require(status.equals("ACCEPTED") && correctionDue == null, plan, "suspend an accepted case");
                    status = "SUSPENDED";
                    suspendedOn = WorkingDayCalendar.localDay(step.at());
                }
                case RESUME -> {
                    require(status.equals("SUSPENDED"), plan, "resume only when suspended");
                    status = "ACCEPTED";
                    due = calendar.addWorkingDays(due, calendar.workingDaysBetween(suspendedOn, WorkingDayCalendar.localDay(step.at()))).day();
                    require(WorkingDayCalendar.endOf(due).equals(step.expectedDue()), plan, "expected due after resuming");
                }
                case EXTEND -> {
                    require(status.equals("ACCEPTED") && (Integer) f.get("days") > 0 && f.get("reason") != null, plan, "extend with days and reason");
                    due = calendar.addWorkingDays(due, (Integer) f.get("days")).day();
                    require(WorkingDayCalendar.endOf(due).equals(step.expectedDue()), plan, "expected due after the extension");
                }
                case COMPLETE -> {
                    require(status.equals("ACCEPTED") && correctionDue == null, plan, "complete an open, not suspended case");
                    require(f.get("outcome").toString().equals("APPROVED") || f.get("reason") != null, plan, "reason unless approved");
                    status = "COMPLETED";
                    late = step.at().isAfter(WorkingDayCalendar.endOf(due));
                    completedAt = step.at();
                }
                case RATE -> {
                    require(status.equals("COMPLETED") || status.equals("NOT_ACCEPTED"), plan, "rate after completion or refusal");
                    require(score == null, plan, "rated once");
                    score = (Integer) f.get("score");
                    require(score >= 1 && score <= 5, plan, "score 1..5");
                    if (completedAt != null) {
                        require(!step.at().isAfter(calendar.addWorkingDays(WorkingDayCalendar.localDay(completedAt), 5).instant()),
                                plan, "rated before the default rating");
                    }
                }
                case RECTIFY -> {
                    require(score != null && score <= 2 && !rectified && f.get("measures") != null, plan, "rectify a bad rating once");
                    rectified = true;
                }
            }
        }
        boolean revoked = correctionDue != null && status.equals("ACCEPTED") && steps.get(steps.size() - 1).kind() == Step.Kind.ACCEPT;
        return new Outcome(handling, accepting, mode, submit.get("channel").toString(), completedAt != null,
                late, score, rectified, revoked);
    }

    private static boolean isOpen(String status) {
        return status.equals("ACCEPTED") || status.equals("SUSPENDED");
    }

    private static void require(boolean holds, CasePlan plan, String rule) {
        if (!holds) {
            throw new AssertionError(plan.caseId() + " breaks \"" + rule + "\":\n  " + String.join("\n  ",
                    plan.steps().stream().map(Step::toString).toList()));
        }
    }
}
