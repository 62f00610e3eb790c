package com.xiaoneng.demo.simulator;

import com.xiaoneng.calendar.WorkingDayCalendar;
import com.xiaoneng.events.CrossRegionMode;
import com.xiaoneng.regions.Regions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Plans generated offline: reproducible, legal step by step, and distributed as configured. */
class PlannerTest {
    static final WorkingDayCalendar CALENDAR = WorkingDayCalendar.shipped();
    static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
    static List<PlanRules.Outcome> year;

    /** A year of 2025 at 60 cases per working day: ~16,000 cases, every one checked against the rules. */
    @BeforeAll
    static void planYear() {
        Planner planner = SampleCatalog.planner();
        Map<String, CatalogItem> catalog = SampleCatalog.extended().stream()
                .collect(Collectors.toMap(CatalogItem::code, Function.identity()));
        Backfill backfill = new Backfill(planner, Config.DEFAULT_SEED, LocalDate.of(2025, 1, 1), LocalDate.of(2025, 12, 31), 60);
        year = new ArrayList<>();
        for (long n = 0; n < backfill.totalCases(); n++) {
            year.add(PlanRules.check(backfill.plan(n, NOW), catalog, CALENDAR, NOW));
        }
    }

    static List<String> commands(long seed, LocalDate from, LocalDate to, int perDay) {
        Backfill backfill = new Backfill(SampleCatalog.planner(), seed, from, to, perDay);
        return LongStream.range(0, backfill.totalCases()).mapToObj(n -> backfill.plan(n, NOW))
                .flatMap(plan -> plan.steps().stream().map(step -> plan.caseId() + " " + step + " " + step.expectedDue()))
                .toList();
    }

    @Test
    void sameSeedSameCommands() {
        List<String> first = commands(7, LocalDate.of(2025, 3, 1), LocalDate.of(2025, 3, 14), 40);
        assertThat(first).hasSizeGreaterThan(1500);
        assertThat(commands(7, LocalDate.of(2025, 3, 1), LocalDate.of(2025, 3, 14), 40)).isEqualTo(first);
        assertThat(commands(8, LocalDate.of(2025, 3, 1), LocalDate.of(2025, 3, 14), 40)).isNotEqualTo(first);
    }

    /**
     * The exact bytes sent for a fixed seed. Re-running a backfill against the same command side needs the same
     * body for the same Idempotency-Key, in any JVM: when a deliberate change to the planner changes this hash,
     * say so in the change (earlier backfills can then not be re-run idempotently with the same seed).
     */
    @Test
    void theBytesOfAFixedSeedDoNotChange() throws Exception {
        Backfill backfill = new Backfill(SampleCatalog.planner(), 7, LocalDate.of(2025, 3, 3), LocalDate.of(2025, 3, 9), 20);
        java.security.MessageDigest digest = java.security.MessageDigest.getInstance("SHA-256");
        for (long n = 0; n < backfill.totalCases(); n++) {
            CasePlan plan = backfill.plan(n, NOW);
            for (Step step : plan.steps()) {
                String line = StepSender.idempotencyKey(plan, step) + " " + step.kind().path(plan.caseId()) + " "
                        + CommandClient.json(step.body(step.at())) + "\n";
                digest.update(line.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        assertThat(java.util.HexFormat.of().formatHex(digest.digest())).isEqualTo("5c0b7b13d6e32d01fe2707546bb0a796e5f9c8f4c3d8e5ea858f696f013f8807");
    }

    @Test
    void aCaseDependsOnlyOnSeedDayAndNumber() {
        Planner planner = SampleCatalog.planner();
        Backfill march = new Backfill(planner, 7, LocalDate.of(2025, 3, 1), LocalDate.of(2025, 3, 31), 40);
        Backfill spring = new Backfill(planner, 7, LocalDate.of(2025, 3, 1), LocalDate.of(2025, 5, 31), 40);
        for (long n : new long[] {0, 1, 333, march.totalCases() - 1}) {
            assertThat(spring.plan(n, NOW)).isEqualTo(march.plan(n, NOW));
        }
        assertThat(march.plan(5, NOW).caseId()).isEqualTo("S7-20250301-00005");
    }

    @Test
    void stepsAfterNotAfterAreLeftOut() {
        Backfill backfill = new Backfill(SampleCatalog.planner(), 7, LocalDate.of(2025, 3, 3), LocalDate.of(2025, 3, 3), 100);
        Instant cut = Instant.parse("2025-03-04T00:00:00Z");
        for (long n = 0; n < backfill.totalCases(); n++) {
            CasePlan full = backfill.plan(n, NOW);
            CasePlan cutPlan = backfill.plan(n, cut);
            assertThat(cutPlan.steps()).isEqualTo(full.steps().stream().takeWhile(s -> !s.at().isAfter(cut)).toList());
        }
    }

    @Test
    void volumeFollowsWorkingDays() {
        Backfill backfill = new Backfill(SampleCatalog.planner(), 7, LocalDate.of(2025, 9, 29), LocalDate.of(2025, 10, 12), 100);
        // 2025-09-28 and 10-11 are make-up working days; 10-01..10-08 National Day and Mid-Autumn holidays
        assertThat(backfill.totalCases()).isEqualTo(5 * 100 + 9 * 25);
    }

    @Test
    void prefecturesByPopulation() {
        List<PlanRules.Outcome> xinjiang = year.stream().filter(o -> Regions.provinceOf(o.acceptingRegion()).equals(Regions.XINJIANG)).toList();
        Map<String, Long> counts = xinjiang.stream()
                .collect(Collectors.groupingBy(o -> Regions.prefectureOf(o.acceptingRegion()), Collectors.counting()));
        double total = Population.totalMillions();
        assertThat(counts.keySet()).containsExactlyInAnyOrderElementsOf(Population.PREFECTURE_MILLIONS.keySet());
        Population.PREFECTURE_MILLIONS.forEach((prefecture, millions) ->
                assertThat((double) counts.get(prefecture) / xinjiang.size()).as(prefecture)
                        .isCloseTo(millions / total, within(0.01)));
        Map<String, Long> handling = year.stream()
                .collect(Collectors.groupingBy(o -> Regions.prefectureOf(o.handlingRegion()), Collectors.counting()));
        assertThat(handling.keySet()).containsExactlyInAnyOrderElementsOf(Population.PREFECTURE_MILLIONS.keySet());
        assertThat(year).extracting(PlanRules.Outcome::acceptingRegion).contains("650102", "653101", "654002", "659001", "652901");
    }

    @Test
    void sharesAsConfigured() {
        Profile p = Profile.DEFAULT;
        assertThat(share(year, o -> o.mode() == CrossRegionMode.CROSS_PROVINCE)).isCloseTo(p.crossProvinceShare(), within(0.005));
        assertThat(share(year, o -> o.mode() == CrossRegionMode.WITHIN_REGION)).isCloseTo(p.withinRegionShare(), within(0.01));
        assertThat(year).extracting(PlanRules.Outcome::acceptingRegion).contains("110105", "310115", "440305");
        assertThat(share(year, o -> o.channel().equals("ONLINE") || o.channel().equals("MOBILE"))).isBetween(0.6, 0.85);
        assertThat(year).extracting(PlanRules.Outcome::channel).contains("HALL", "SELF_SERVICE");

        List<PlanRules.Outcome> completed = year.stream().filter(PlanRules.Outcome::completed).toList();
        // planned lateness plus cases a late correction pushed past their due date
        assertThat(share(completed, PlanRules.Outcome::late)).isBetween(p.lateShare(), p.lateShare() + 0.02);
        assertThat(share(completed, o -> o.score() == null)).isCloseTo(1 - p.ratedShare(), within(0.015));
        List<PlanRules.Outcome> rated = year.stream().filter(o -> o.score() != null).toList();
        assertThat(share(rated, o -> o.score() <= 2)).isBetween(0.02, 0.045);
        List<PlanRules.Outcome> bad = rated.stream().filter(o -> o.score() <= 2).toList();
        assertThat(share(bad, PlanRules.Outcome::rectified)).isCloseTo(p.rectifiedShare(), within(0.06));
        assertThat(share(year, PlanRules.Outcome::revokedAutomatically))
                .isCloseTo(p.deficiencyShare() * (1 - p.correctedShare()) * (1 - p.notAcceptedShare()), within(0.004));
    }

    @Test
    void everyKindOfStepOccurs() {
        Backfill backfill = new Backfill(SampleCatalog.planner(), 7, LocalDate.of(2025, 5, 1), LocalDate.of(2025, 5, 31), 60);
        Map<Step.Kind, Integer> kinds = new HashMap<>();
        Map<String, Integer> outcomes = new HashMap<>();
        for (long n = 0; n < backfill.totalCases(); n++) {
            for (Step step : backfill.plan(n, NOW).steps()) {
                kinds.merge(step.kind(), 1, Integer::sum);
                if (step.kind() == Step.Kind.COMPLETE) {
                    outcomes.merge(step.fields().get("outcome").toString(), 1, Integer::sum);
                }
            }
        }
        assertThat(kinds.keySet()).containsExactlyInAnyOrder(Step.Kind.values());
        assertThat(outcomes.keySet()).containsExactlyInAnyOrder("APPROVED", "DENIED", "FORWARDED", "TERMINATED");
    }

    static double share(List<PlanRules.Outcome> outcomes, Predicate<PlanRules.Outcome> which) {
        return (double) outcomes.stream().filter(which).count() / outcomes.size();
    }
}
