package com.xiaoneng.streaming.testing;

import com.xiaoneng.calendar.WorkingDayCalendar;
import com.xiaoneng.events.Channel;
import com.xiaoneng.events.EventEnvelope;
import com.xiaoneng.events.Outcome;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * Deterministic, realistic case histories: Xinjiang counties (some applications accepted in another
 * prefecture or province), the four channels, items with 0-20 day limits, and the lifecycle mix of
 * a supervision year (not accepted, deficiency acceptance and revocation, suspension, extension,
 * late completion, ratings with defaults and rectification, cases still open).
 */
public final class SampleCases {
    private static final WorkingDayCalendar CALENDAR = WorkingDayCalendar.shipped();
    private static final String[] COUNTIES = {"650102", "650104", "650105", "650202", "650402", "650502", "652301",
            "652701", "652801", "652901", "653001", "653101", "653201", "654002", "654202", "654301", "659001"};
    private static final String[] OTHER_PROVINCES = {"110101", "310101", "440106", "510104"};
    private static final int[] LIMITS = {0, 1, 3, 5, 5, 10, 10, 15, 20, 20};
    private static final Outcome[] OUTCOMES = {Outcome.APPROVED, Outcome.APPROVED, Outcome.APPROVED, Outcome.APPROVED,
            Outcome.APPROVED, Outcome.APPROVED, Outcome.APPROVED, Outcome.DENIED, Outcome.FORWARDED, Outcome.TERMINATED};
    private static final int[] SCORES = {5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 4, 4, 4, 4, 4, 3, 3, 2, 2, 1};

    private SampleCases() {
    }

    public static List<CaseStory> generate(int cases, long seed, LocalDate firstDay, int days) {
        Random random = new Random(seed);
        List<CaseStory> stories = new ArrayList<>(cases);
        for (int i = 0; i < cases; i++) {
            stories.add(story(String.format("XN-%d-%07d", seed, i), random, firstDay.plusDays(random.nextInt(days))));
        }
        return stories;
    }

    /** All events of all stories in the order they were recorded, as the command side would publish them. */
    public static List<EventEnvelope> inRecordedOrder(List<CaseStory> stories) {
        List<EventEnvelope> events = new ArrayList<>();
        stories.forEach(story -> events.addAll(story.events()));
        events.sort(Comparator.comparing(EventEnvelope::recordedAt).thenComparing(EventEnvelope::caseId)
                .thenComparingLong(EventEnvelope::sequence));
        return events;
    }

    private static CaseStory story(String caseId, Random random, LocalDate day) {
        String handling = COUNTIES[random.nextInt(COUNTIES.length)];
        int where = random.nextInt(100);
        String accepting = where < 80 ? handling
                : where < 95 ? COUNTIES[random.nextInt(COUNTIES.length)]
                : OTHER_PROVINCES[random.nextInt(OTHER_PROVINCES.length)];
        int item = 1 + random.nextInt(40);
        String itemCode = String.format("ITEM-%03d", item);
        String agency = "A-" + handling.substring(0, 4) + "-" + (item % 5);
        Channel channel = Channel.values()[random.nextInt(Channel.values().length)];
        int limit = LIMITS[item % LIMITS.length];

        Instant submitted = at(day, 9 + random.nextInt(8), random.nextInt(60));
        CaseStory story = CaseStory.of(caseId).submitted(submitted, accepting, handling, channel, agency, itemCode);
        Instant accepted = submitted.plusSeconds(600 + random.nextInt(7200));
        int path = random.nextInt(100);
        if (path < 5) {
            return story.notAccepted(accepted);
        }
        LocalDate acceptedDay = WorkingDayCalendar.localDay(accepted);
        if (path < 10) {
            story.acceptedWithDeficiency(accepted, limit, 3);
            if (path < 7) {
                return story.revoked(CALENDAR.addWorkingDays(acceptedDay, 3).instant());
            }
            story.corrected(at(CALENDAR.addWorkingDays(acceptedDay, 1 + random.nextInt(2)).day(), 10, 0));
        } else {
            story.accepted(accepted, limit);
        }
        LocalDate cursor = acceptedDay;
        if (path >= 10 && path < 20 && limit > 0) {
            cursor = CALENDAR.addWorkingDays(cursor, 1).day();
            story.suspended(at(cursor, 11, 0));
            cursor = CALENDAR.addWorkingDays(cursor, 1 + random.nextInt(5)).day();
            if (path == 19) {
                return story;
            }
            story.resumed(at(cursor, 11, 0));
        } else if (path >= 20 && path < 30 && limit > 0) {
            cursor = CALENDAR.addWorkingDays(cursor, Math.max(1, limit - 1)).day();
            story.extended(at(cursor, 15, 0), 5);
        }
        if (path >= 82) {
            return story;
        }
        int due = CALENDAR.workingDaysBetween(cursor, WorkingDayCalendar.dayEndingAt(story.dueAt()));
        int spent = random.nextInt(100) < 85 ? random.nextInt(due + 1) : due + 1 + random.nextInt(5);
        LocalDate completedDay = CALENDAR.addWorkingDays(cursor, spent).day();
        Instant completed = at(completedDay, 10 + random.nextInt(7), random.nextInt(60));
        if (completed.isBefore(story.last().occurredAt())) {
            completed = story.last().occurredAt().plusSeconds(3600);
        }
        story.completed(completed, OUTCOMES[random.nextInt(OUTCOMES.length)]);
        int rating = random.nextInt(100);
        if (rating < 20) {
            return story;
        }
        LocalDate ratedDay = WorkingDayCalendar.localDay(completed);
        if (rating < 40) {
            return story.rated(CALENDAR.addWorkingDays(ratedDay, 5).instant(), 4, true);
        }
        int score = SCORES[random.nextInt(SCORES.length)];
        story.rated(completed.plusSeconds(3600 + random.nextInt(86_400)), score, false);
        if (score <= 2 && random.nextInt(100) < 70) {
            LocalDate rectified = CALENDAR.addWorkingDays(ratedDay, 2 + random.nextInt(20)).day();
            story.rectified(at(rectified, 16, 0), CALENDAR.workingDaysBetween(ratedDay, rectified) <= 15);
        }
        return story;
    }

    private static Instant at(LocalDate day, int hour, int minute) {
        return day.atTime(hour, minute).atZone(WorkingDayCalendar.ZONE).toInstant();
    }
}
