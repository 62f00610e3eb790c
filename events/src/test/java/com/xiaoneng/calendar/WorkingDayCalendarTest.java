package com.xiaoneng.calendar;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WorkingDayCalendarTest {
    private final WorkingDayCalendar calendar = WorkingDayCalendar.shipped();

    private static LocalDate d(String iso) {
        return LocalDate.parse(iso);
    }

    @Test
    void shipsTheThreeYears() {
        assertThat(calendar.hasData(2024)).isTrue();
        assertThat(calendar.hasData(2025)).isTrue();
        assertThat(calendar.hasData(2026)).isTrue();
        assertThat(calendar.hasData(2027)).isFalse();
    }

    @Test
    void springFestival2025IsOffAndItsMakeUpDaysAreWorked() {
        assertThat(calendar.isWorkingDay(d("2025-01-27"))).isTrue();   // Monday before the break
        assertThat(calendar.isWorkingDay(d("2025-01-28"))).isFalse();  // 除夕
        assertThat(calendar.isWorkingDay(d("2025-02-04"))).isFalse();  // last day of the break, a Tuesday
        assertThat(calendar.isWorkingDay(d("2025-01-26"))).isTrue();   // Sunday, 调休
        assertThat(calendar.isWorkingDay(d("2025-02-08"))).isTrue();   // Saturday, 调休
        assertThat(calendar.isWorkingDay(d("2025-02-09"))).isFalse();  // ordinary Sunday
    }

    @Test
    void dueDateAcrossTheSpringFestival() {
        // accepted Friday 2025-01-24: working days after it are 01-26 (Sun, make-up), 01-27, then the break
        // until 02-04, then 02-05, 02-06, 02-07, 02-08 (Sat, make-up)
        assertThat(calendar.addWorkingDays(d("2025-01-24"), 1).day()).isEqualTo(d("2025-01-26"));
        assertThat(calendar.addWorkingDays(d("2025-01-24"), 2).day()).isEqualTo(d("2025-01-27"));
        assertThat(calendar.addWorkingDays(d("2025-01-24"), 3).day()).isEqualTo(d("2025-02-05"));
        assertThat(calendar.addWorkingDays(d("2025-01-24"), 6).day()).isEqualTo(d("2025-02-08"));
        assertThat(calendar.addWorkingDays(d("2025-01-24"), 7).day()).isEqualTo(d("2025-02-10"));
        assertThat(calendar.addWorkingDays(d("2025-01-24"), 7).provisional()).isFalse();
    }

    @Test
    void dueDateAcrossNationalDay2025() {
        // accepted Friday 2025-09-26: 09-28 (Sun, make-up), 09-29, 09-30, then the break to 10-08,
        // then 10-09, 10-10, 10-11 (Sat, make-up), 10-13
        assertThat(calendar.addWorkingDays(d("2025-09-26"), 3).day()).isEqualTo(d("2025-09-30"));
        assertThat(calendar.addWorkingDays(d("2025-09-26"), 4).day()).isEqualTo(d("2025-10-09"));
        assertThat(calendar.addWorkingDays(d("2025-09-26"), 6).day()).isEqualTo(d("2025-10-11"));
        assertThat(calendar.addWorkingDays(d("2025-09-26"), 7).day()).isEqualTo(d("2025-10-13"));
    }

    @Test
    void immediateItemIsDueAtTheEndOfTheAcceptanceDay() {
        Instant acceptedAt = Instant.parse("2025-03-10T02:00:00Z"); // 10:00 Beijing
        WorkingDayCalendar.Due due = calendar.dueAfterAcceptance(acceptedAt, 0);
        assertThat(due.day()).isEqualTo(d("2025-03-10"));
        assertThat(due.instant()).isEqualTo(Instant.parse("2025-03-10T16:00:00Z")); // 24:00 Beijing
    }

    @Test
    void acceptanceLateInTheEveningCountsInBeijingTime() {
        // 2025-03-07T17:30Z is Saturday 01:30 in Beijing: the count starts on Sunday
        WorkingDayCalendar.Due due = calendar.dueAfterAcceptance(Instant.parse("2025-03-07T17:30:00Z"), 1);
        assertThat(due.day()).isEqualTo(d("2025-03-10"));
    }

    @Test
    void suspensionCountsWorkingDaysAfterTheSuspendDayUpToTheResumeDay() {
        // suspended Thursday 2025-04-03, resumed Tuesday 04-08: 04-04..04-06 is 清明, 04-07 and 04-08 count
        assertThat(calendar.workingDaysBetween(d("2025-04-03"), d("2025-04-08"))).isEqualTo(2);
        assertThat(calendar.workingDaysBetween(d("2025-04-08"), d("2025-04-08"))).isZero();
        assertThat(calendar.workingDaysBetween(d("2025-04-26"), d("2025-05-06"))).isEqualTo(5); // 04-27 make-up, 28, 29, 30, then 05-06
    }

    @Test
    void extensionAddsWorkingDaysAfterTheDueDay() {
        // due 2025-04-30; 5 more working days skip 劳动节 (05-01..05-05)
        assertThat(calendar.addWorkingDays(d("2025-04-30"), 5).day()).isEqualTo(d("2025-05-12"));
    }

    @Test
    void yearWithoutDataFallsBackToWeekdaysAndIsProvisional() {
        WorkingDayCalendar.Due due = calendar.addWorkingDays(d("2026-12-30"), 3);
        assertThat(due.day()).isEqualTo(d("2027-01-04")); // 12-31, 01-01 (Fri: no data, so worked), 01-04
        assertThat(due.provisional()).isTrue();
        assertThat(calendar.addWorkingDays(d("2026-12-28"), 2).provisional()).isFalse();
    }

    @Test
    void year2026FollowsItsNotice() {
        assertThat(calendar.isWorkingDay(d("2026-01-04"))).isTrue();   // Sunday make-up after 元旦
        assertThat(calendar.isWorkingDay(d("2026-02-23"))).isFalse();  // last day of 春节
        assertThat(calendar.isWorkingDay(d("2026-02-28"))).isTrue();
        assertThat(calendar.isWorkingDay(d("2026-10-10"))).isTrue();
    }

    @Test
    void rejectsAMakeUpDayThatIsNotAWeekend() {
        var in = new ByteArrayInputStream("2025-03-03 workday\n".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> WorkingDayCalendar.parse(2025, in)).hasMessageContaining("not a weekend day");
    }

    @Test
    void customYearDataIsUsed() {
        var calendar2 = new WorkingDayCalendar(Map.of(2030, new WorkingDayCalendar.YearData(
                java.util.Set.of(d("2030-01-01")), java.util.Set.of())));
        assertThat(calendar2.isWorkingDay(d("2030-01-01"))).isFalse();
        assertThat(calendar2.hasData(2030)).isTrue();
    }

    @Test
    void endOfDayInstantMapsBackToItsDay() {
        assertThat(WorkingDayCalendar.dayEndingAt(WorkingDayCalendar.endOf(d("2025-10-09")))).isEqualTo(d("2025-10-09"));
    }
}
