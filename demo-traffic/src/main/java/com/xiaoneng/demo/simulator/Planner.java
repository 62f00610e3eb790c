package com.xiaoneng.demo.simulator;

import com.xiaoneng.calendar.WorkingDayCalendar;
import com.xiaoneng.events.Channel;
import com.xiaoneng.events.CrossRegionScope;
import com.xiaoneng.events.ItemType;
import com.xiaoneng.events.Outcome;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import java.util.random.RandomGenerator;

/**
 * Plans whole cases offline: who applies where for which item, and when each step happens, with due dates
 * computed by the same working-day calendar the command side uses, so a plan is legal before it is sent.
 * A case's plan depends only on its own seed, so plans are reproducible and independent of order.
 */
public final class Planner {
    static final ZoneId ZONE = WorkingDayCalendar.ZONE;
    /** Service halls' hours in Beijing time (Xinjiang offices open around 10:00 and close around 19:30). */
    private static final LocalTime OPEN = LocalTime.of(10, 0);
    private static final int OFFICE_SECONDS = (int) java.time.Duration.ofMinutes(9 * 60 + 30).toSeconds();
    private static final int MINUTE = 60;

    private final Profile profile;
    private final WorkingDayCalendar calendar;
    /** All items by the prefecture that handles them. */
    private final Map<String, List<CatalogItem>> local = new TreeMap<>();
    /** Items that another Xinjiang prefecture may accept (scope WITHIN_REGION or CROSS_PROVINCE). */
    private final Map<String, List<CatalogItem>> withinRegion = new TreeMap<>();
    /** Items another province may accept (scope CROSS_PROVINCE). */
    private final Map<String, List<CatalogItem>> crossProvince = new TreeMap<>();

    public Planner(List<CatalogItem> catalog, Profile profile, WorkingDayCalendar calendar) {
        this.profile = profile;
        this.calendar = calendar;
        // by code: the catalog's order on the wire must not change which item a seed picks
        for (CatalogItem item : catalog.stream().sorted(Comparator.comparing(CatalogItem::code)).toList()) {
            // items of other provinces or unknown prefectures are not Xinjiang traffic
            if (!Population.PREFECTURE_MILLIONS.containsKey(item.prefecture())) {
                continue;
            }
            local.computeIfAbsent(item.prefecture(), p -> new ArrayList<>()).add(item);
            if (item.crossRegionScope() != CrossRegionScope.NONE) {
                withinRegion.computeIfAbsent(item.prefecture(), p -> new ArrayList<>()).add(item);
            }
            if (item.crossRegionScope() == CrossRegionScope.CROSS_PROVINCE) {
                crossProvince.computeIfAbsent(item.prefecture(), p -> new ArrayList<>()).add(item);
            }
        }
        if (local.isEmpty()) {
            throw new IllegalArgumentException("the catalog has no item of a Xinjiang region");
        }
    }

    /** Relative volume of a day: halls are closed on weekends and holidays, online services are not. */
    public double dayWeight(LocalDate day) {
        return calendar.isWorkingDay(day) ? 1.0 : 0.25;
    }

    /** A case submitted some time on {@code day}; steps after {@code notAfter} are left out (the case stays open). */
    public CasePlan planOn(String caseId, long caseSeed, LocalDate day, Instant notAfter) {
        SplittableRandom rng = new SplittableRandom(caseSeed);
        boolean working = calendar.isWorkingDay(day);
        Channel channel = channel(rng, working);
        Instant submittedAt = (channel == Channel.HALL || channel == Channel.SELF_SERVICE) || rng.nextDouble() < 0.7 && working
                ? officeTime(day, rng)
                : day.atTime(8, 0).atZone(ZONE).toInstant().plusSeconds(rng.nextInt(16 * 3600));
        return plan(caseId, rng, channel, submittedAt, notAfter);
    }

    /** A case submitted at {@code submittedAt} (live traffic). */
    public CasePlan planAt(String caseId, long caseSeed, Instant submittedAt) {
        SplittableRandom rng = new SplittableRandom(caseSeed);
        Instant at = submittedAt.truncatedTo(ChronoUnit.SECONDS);
        return plan(caseId, rng, channel(rng, inOffice(at)), at, Instant.MAX);
    }

    private CasePlan plan(String caseId, RandomGenerator rng, Channel channel, Instant submittedAt, Instant notAfter) {
        List<Step> steps = new ArrayList<>();
        Where where = where(rng);
        CatalogItem item = where.item();
        Map<String, Object> submit = new LinkedHashMap<>();
        submit.put("caseId", caseId);
        submit.put("itemCode", item.code());
        submit.put("applicant", applicant(rng, item, where.acceptingRegion()));
        submit.put("channel", channel);
        submit.put("acceptingRegion", where.acceptingRegion());
        submit.put("handlingRegion", item.regionCode());
        Instant t = submittedAt;
        add(steps, Step.Kind.SUBMIT, t, submit, null);

        t = acceptanceTime(channel, t, rng);
        if (rng.nextDouble() < profile.notAcceptedShare()) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("reason", pickOne(rng, Texts.NOT_ACCEPTED));
            if (rng.nextBoolean()) {
                body.put("referTo", pickOne(rng, Texts.REFER_TO));
            }
            add(steps, Step.Kind.NOT_ACCEPT, t, body, null);
            // no default rating after a refusal: applicants rate it themselves or not at all
            if (rng.nextDouble() < 0.3) {
                rate(steps, rng, t, profile.badShare() * 4, Instant.MAX);
            }
            return trimmed(caseId, steps, notAfter);
        }

        LocalDate acceptDay = WorkingDayCalendar.localDay(t);
        LocalDate dueDay = calendar.dueAfterAcceptance(t, item.promisedLimitDays()).day();
        Map<String, Object> accept = new LinkedHashMap<>();
        List<String> missing = null;
        LocalDate correctionDay = null;
        if (rng.nextDouble() < profile.deficiencyShare()) {
            missing = pickSome(rng, Texts.MATERIALS, 1 + rng.nextInt(2));
            int correctionDays = rng.nextBoolean() ? 3 : 5;
            correctionDay = calendar.dueAfterAcceptance(t, correctionDays).day();
            accept.put("deficiency", ordered("missing", missing, "correctionDays", correctionDays));
        }
        add(steps, Step.Kind.ACCEPT, t, accept, WorkingDayCalendar.endOf(dueDay));
        if (missing != null) {
            if (rng.nextDouble() >= profile.correctedShare()) {
                // nothing more from the agency: the command side revokes the acceptance at the correction deadline
                return trimmed(caseId, steps, notAfter);
            }
            t = onDay(dayBetween(acceptDay, correctionDay, rng.nextDouble() * 0.8), t, rng);
            add(steps, Step.Kind.CORRECT, t, Map.of("items", missing), null);
        }

        double suspensionShare = item.type() == ItemType.LICENSE || item.type() == ItemType.ADJUDICATION
                ? profile.suspensionShare() * 2 : profile.suspensionShare();
        if (item.promisedLimitDays() >= 2 && rng.nextDouble() < suspensionShare) {
            t = onDay(dayBetween(WorkingDayCalendar.localDay(t), dueDay, rng.nextDouble() * 0.6), t, rng);
            Texts.Procedure procedure = pickOne(rng, Texts.PROCEDURES);
            add(steps, Step.Kind.SUSPEND, t, ordered("procedure", procedure.procedure(), "reason", procedure.reason()), null);
            LocalDate suspendDay = WorkingDayCalendar.localDay(t);
            t = onDay(calendar.addWorkingDays(suspendDay, 1 + rng.nextInt(10)).day(), t, rng);
            int suspended = calendar.workingDaysBetween(suspendDay, WorkingDayCalendar.localDay(t));
            dueDay = calendar.addWorkingDays(dueDay, suspended).day();
            add(steps, Step.Kind.RESUME, t, Map.of(), WorkingDayCalendar.endOf(dueDay));
        }
        if (item.promisedLimitDays() >= 3 && rng.nextDouble() < profile.extensionShare()) {
            t = onDay(dayBetween(WorkingDayCalendar.localDay(t), dueDay, 0.5 + rng.nextDouble() * 0.5), t, rng);
            int days = Math.min(item.promisedLimitDays(), 5 + rng.nextInt(6));
            dueDay = calendar.addWorkingDays(dueDay, days).day();
            add(steps, Step.Kind.EXTEND, t, ordered("days", days, "reason", pickOne(rng, Texts.EXTENSION_REASONS)),
                    WorkingDayCalendar.endOf(dueDay));
        }

        boolean late = rng.nextDouble() < profile.lateShare();
        LocalDate completionDay = late
                ? calendar.addWorkingDays(dueDay, 1 + rng.nextInt(5)).day()
                // most cases finish in the last part of the promised time, some much earlier
                : dayBetween(WorkingDayCalendar.localDay(t), dueDay, triangular(rng, 0.2, 0.85, 1.0));
        t = onDay(completionDay, t, rng);
        Map<String, Object> complete = new LinkedHashMap<>();
        double outcome = rng.nextDouble();
        if (outcome < profile.deniedShare()) {
            complete.put("outcome", Outcome.DENIED);
            complete.put("reason", pickOne(rng, Texts.DENIAL_REASONS));
        } else if (outcome < profile.deniedShare() * 1.1) {
            complete.put("outcome", Outcome.FORWARDED);
            complete.put("reason", Texts.FORWARDED_REASON);
        } else if (outcome < profile.deniedShare() * 1.2) {
            complete.put("outcome", Outcome.TERMINATED);
            complete.put("reason", pickOne(rng, Texts.TERMINATION_REASONS));
        } else {
            complete.put("outcome", Outcome.APPROVED);
        }
        add(steps, Step.Kind.COMPLETE, t, complete, null);

        if (rng.nextDouble() < profile.ratedShare()) {
            Instant defaultRatingAt = calendar.addWorkingDays(WorkingDayCalendar.localDay(t), profile.defaultRatingDays()).instant();
            rate(steps, rng, t, late ? profile.badShare() * 5 : profile.badShare(), defaultRatingAt);
        }
        return trimmed(caseId, steps, notAfter);
    }

    /** A rating after {@code t} and before {@code deadline}, and for most bad ones a rectification. */
    private void rate(List<Step> steps, RandomGenerator rng, Instant t, double badShare, Instant deadline) {
        Instant at;
        if (rng.nextDouble() < 0.6) {
            // rated on the spot (hall terminal, SMS link)
            at = sameDay(t, t.plusSeconds(MINUTE + rng.nextInt(90 * MINUTE)));
        } else {
            LocalDate day = calendar.addWorkingDays(WorkingDayCalendar.localDay(t), 1 + rng.nextInt(Math.max(1, profile.defaultRatingDays() - 1))).day();
            at = onDay(day, t, rng);
        }
        if (at.isAfter(deadline)) {
            at = sameDay(t, t.plusSeconds(MINUTE));
        }
        int score;
        if (rng.nextDouble() < badShare) {
            score = rng.nextDouble() < 1 / 3.0 ? 1 : 2;
        } else {
            double r = rng.nextDouble();
            score = r < 0.70 ? 5 : r < 0.92 ? 4 : 3;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("score", score);
        if (score <= 2 || rng.nextDouble() < 0.4) {
            body.put("comment", pickOne(rng, Texts.COMMENTS.get(score - 1)));
        }
        add(steps, Step.Kind.RATE, at, body, null);
        if (score <= 2 && rng.nextDouble() < profile.rectifiedShare()) {
            LocalDate ratedDay = WorkingDayCalendar.localDay(at);
            LocalDate day = rng.nextDouble() < profile.lateRectifiedShare()
                    ? calendar.addWorkingDays(ratedDay, profile.rectificationDays() + 1 + rng.nextInt(10)).day()
                    : calendar.addWorkingDays(ratedDay, 1 + rng.nextInt(Math.max(1, profile.rectificationDays() - 1))).day();
            add(steps, Step.Kind.RECTIFY, onDay(day, at, rng), Map.of("measures", pickOne(rng, Texts.RECTIFICATIONS)), null);
        }
    }

    private record Where(CatalogItem item, String acceptingRegion) {
    }

    /** The item and the accepting region: local mostly, by population; some 疆内通办 and 跨省通办. */
    private Where where(RandomGenerator rng) {
        double mode = rng.nextDouble();
        if (mode < profile.crossProvinceShare() && !crossProvince.isEmpty()) {
            CatalogItem item = itemIn(rng, crossProvince, byPopulation(rng, crossProvince, p -> true));
            return new Where(item, pickOne(rng, Population.OTHER_PROVINCE_REGIONS));
        }
        String home = byPopulation(rng, local, p -> true);
        if (mode < profile.crossProvinceShare() + profile.withinRegionShare() && withinRegion.keySet().stream().anyMatch(p -> !p.equals(home))) {
            CatalogItem item = itemIn(rng, withinRegion, byPopulation(rng, withinRegion, p -> !p.equals(home)));
            return new Where(item, hallIn(rng, home));
        }
        CatalogItem item = itemIn(rng, local, home);
        // an item without cross-region scope is accepted only by its own agency's hall
        String accepting = item.crossRegionScope() == CrossRegionScope.NONE || rng.nextBoolean()
                ? item.regionCode() : hallIn(rng, home);
        return new Where(item, accepting);
    }

    private static String byPopulation(RandomGenerator rng, Map<String, List<CatalogItem>> items, Predicate<String> allowed) {
        List<String> prefectures = items.keySet().stream().filter(allowed).toList();
        return weighted(rng, prefectures, Population.PREFECTURE_MILLIONS::get);
    }

    private static CatalogItem itemIn(RandomGenerator rng, Map<String, List<CatalogItem>> items, String prefecture) {
        return weighted(rng, items.get(prefecture), Planner::popularity);
    }

    /** Everyday certificates and benefits are asked for far more often than adjudications. */
    private static double popularity(CatalogItem item) {
        return switch (item.type()) {
            case CONFIRMATION, PUBLIC_SERVICE -> 3;
            case LICENSE, PAYMENT -> 2;
            case OTHER_POWER -> 1;
            case ADJUDICATION -> 0.2;
        };
    }

    /** The prefecture's own hall or one of its counties'. */
    private static String hallIn(RandomGenerator rng, String prefecture) {
        List<String> counties = Population.COUNTIES.getOrDefault(prefecture, List.of());
        if (counties.isEmpty() || rng.nextDouble() < 0.3 && !prefecture.equals("659000")) {
            return prefecture.equals("659000") ? Population.DIRECT_COUNTIES_SEAT : prefecture;
        }
        return pickOne(rng, counties);
    }

    private static Channel channel(RandomGenerator rng, boolean hallsOpen) {
        double r = rng.nextDouble();
        if (!hallsOpen) {
            return r < 0.6 ? Channel.ONLINE : Channel.MOBILE;
        }
        return r < 0.45 ? Channel.ONLINE : r < 0.70 ? Channel.MOBILE : r < 0.92 ? Channel.HALL : Channel.SELF_SERVICE;
    }

    /** Organisations apply for business licences and tax matters; people for the rest. */
    private static Map<String, Object> applicant(RandomGenerator rng, CatalogItem item, String region) {
        String department = item.agencyCode().substring(item.agencyCode().lastIndexOf('-') + 1);
        boolean business = switch (department) {
            case "SJ", "ZJ", "SW", "JT" -> rng.nextDouble() < 0.75;
            default -> rng.nextDouble() < 0.05;
        };
        return business
                ? ordered("type", "ORGANIZATION", "id", creditCode(rng, region))
                : ordered("type", "PERSON", "id", residentId(rng, region));
    }

    /** An 18-digit resident identity number (GB 11643) with a valid check character. */
    static String residentId(RandomGenerator rng, String region) {
        LocalDate birth = LocalDate.of(1950, 1, 1).plusDays(rng.nextInt(365 * 55));
        String body = region + birth.toString().replace("-", "") + "%03d".formatted(rng.nextInt(1000));
        int[] weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (body.charAt(i) - '0') * weights[i];
        }
        return body + "10X98765432".charAt(sum % 11);
    }

    /** A unified social credit code shape (GB 32100): 91 + region + organisation code. */
    private static String creditCode(RandomGenerator rng, String region) {
        String alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        StringBuilder code = new StringBuilder("91").append(region);
        for (int i = 0; i < 10; i++) {
            code.append(alphabet.charAt(rng.nextInt(alphabet.length())));
        }
        return code.toString();
    }

    private Instant acceptanceTime(Channel channel, Instant submitted, RandomGenerator rng) {
        return switch (channel) {
            case HALL -> officeAfter(submitted, 5 * MINUTE, 30 * MINUTE, rng);
            case SELF_SERVICE -> officeAfter(submitted, 10 * MINUTE, 120 * MINUTE, rng);
            case ONLINE, MOBILE -> officeAfter(submitted, 30 * MINUTE, 240 * MINUTE, rng);
        };
    }

    /** {@code after} plus a delay, moved into the next office hours when it falls outside them. */
    private Instant officeAfter(Instant after, int minSeconds, int maxSeconds, RandomGenerator rng) {
        Instant t = after.plusSeconds(minSeconds + rng.nextInt(maxSeconds - minSeconds));
        if (inOffice(t)) {
            return t;
        }
        ZonedDateTime local = t.atZone(ZONE);
        LocalDate day = calendar.isWorkingDay(local.toLocalDate()) && local.toLocalTime().isBefore(OPEN)
                ? local.toLocalDate()
                : calendar.addWorkingDays(local.toLocalDate(), 1).day();
        return day.atTime(OPEN).atZone(ZONE).toInstant().plusSeconds(rng.nextInt(3 * 3600));
    }

    private boolean inOffice(Instant t) {
        ZonedDateTime local = t.atZone(ZONE);
        LocalTime time = local.toLocalTime();
        return calendar.isWorkingDay(local.toLocalDate()) && !time.isBefore(OPEN)
                && time.isBefore(OPEN.plusSeconds(OFFICE_SECONDS));
    }

    private static Instant officeTime(LocalDate day, RandomGenerator rng) {
        return day.atTime(OPEN).atZone(ZONE).toInstant().plusSeconds(rng.nextInt(OFFICE_SECONDS));
    }

    /** An office time on {@code day}, not before {@code notBefore}, and still on {@code day}. */
    private static Instant onDay(LocalDate day, Instant notBefore, RandomGenerator rng) {
        Instant t = officeTime(day, rng);
        return t.isAfter(notBefore) ? t : sameDay(notBefore, notBefore.plusSeconds(MINUTE + rng.nextInt(120 * MINUTE)));
    }

    /** {@code wanted}, but no later than the last second of {@code day}'s date, so day-based deadlines hold. */
    private static Instant sameDay(Instant day, Instant wanted) {
        Instant last = WorkingDayCalendar.endOf(WorkingDayCalendar.localDay(day)).minusSeconds(1);
        return wanted.isAfter(last) ? (day.isAfter(last) ? day : last) : wanted;
    }

    /** The working day a {@code fraction} of the way from {@code from} to {@code to}. */
    private LocalDate dayBetween(LocalDate from, LocalDate to, double fraction) {
        int k = (int) Math.round(fraction * calendar.workingDaysBetween(from, to));
        return k == 0 ? from : calendar.addWorkingDays(from, k).day();
    }

    private static double triangular(RandomGenerator rng, double min, double mode, double max) {
        double u = rng.nextDouble();
        double split = (mode - min) / (max - min);
        return u < split
                ? min + Math.sqrt(u * (max - min) * (mode - min))
                : max - Math.sqrt((1 - u) * (max - min) * (max - mode));
    }

    private static void add(List<Step> steps, Step.Kind kind, Instant at, Map<String, Object> fields, Instant expectedDue) {
        steps.add(new Step(steps.size(), kind, at.truncatedTo(ChronoUnit.SECONDS), fields, expectedDue));
    }

    private static CasePlan trimmed(String caseId, List<Step> steps, Instant notAfter) {
        int keep = 0;
        while (keep < steps.size() && !steps.get(keep).at().isAfter(notAfter)) {
            keep++;
        }
        return new CasePlan(caseId, List.copyOf(steps.subList(0, keep)));
    }

    /**
     * A map that keeps its order: a request body must be the same bytes in every JVM for its Idempotency-Key
     * (Map.of iterates in an order that changes from run to run).
     */
    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return Collections.unmodifiableMap(map);
    }

    static <T> T pickOne(RandomGenerator rng, List<T> values) {
        return values.get(rng.nextInt(values.size()));
    }

    private static List<String> pickSome(RandomGenerator rng, List<String> values, int count) {
        List<String> left = new ArrayList<>(values);
        List<String> picked = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            picked.add(left.remove(rng.nextInt(left.size())));
        }
        return picked;
    }

    static <T> T weighted(RandomGenerator rng, List<T> values, ToDoubleFunction<T> weight) {
        double total = values.stream().mapToDouble(weight).sum();
        double r = rng.nextDouble() * total;
        for (T value : values) {
            r -= weight.applyAsDouble(value);
            if (r < 0) {
                return value;
            }
        }
        return values.get(values.size() - 1);
    }
}
