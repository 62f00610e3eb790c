package com.xiaoneng.streaming.alerts;

import com.xiaoneng.calendar.WorkingDayCalendar;
import com.xiaoneng.events.EventEnvelope;
import com.xiaoneng.streaming.cases.CaseState;
import com.xiaoneng.streaming.testing.CaseStory;
import org.junit.jupiter.api.Test;

import static com.xiaoneng.streaming.testing.CaseStory.at;
import static org.assertj.core.api.Assertions.assertThat;

class WarningRuleTest {
    private static final WorkingDayCalendar CALENDAR = WorkingDayCalendar.shipped();

    private static CaseState fold(CaseStory story) {
        CaseState state = CaseState.of(story.caseId());
        for (EventEnvelope event : story.events()) {
            state.apply(event, CALENDAR);
        }
        return state;
    }

    @Test
    void twentyDayLimitWarnsAtTheStartOfTheNineteenthWorkingDay() {
        // accepted Mon 2025-03-03; 20 working days -> due end of Mon 2025-03-31
        CaseState state = fold(CaseStory.of("c").submitted(at("2025-03-03", 9)).accepted(at("2025-03-03", 10), 20));
        assertThat(WarningRule.DEFAULT.allowedWorkingDays(state, CALENDAR)).isEqualTo(20);
        // 18 working days used (90%) at 00:00 of the 19th working day after acceptance, Fri 2025-03-28
        assertThat(WarningRule.DEFAULT.yellowAt(state, CALENDAR)).isEqualTo(at("2025-03-28", 0));
    }

    @Test
    void shortLimitWarnsWhenOneWorkingDayIsLeft() {
        // 5 working days: 90% = 4.5 days is never reached before the due day, so the last working day
        CaseState state = fold(CaseStory.of("c").submitted(at("2025-03-03", 9)).accepted(at("2025-03-03", 10), 5));
        assertThat(WarningRule.DEFAULT.yellowAt(state, CALENDAR)).isEqualTo(at("2025-03-10", 0));
    }

    @Test
    void weekendsAndHolidaysAreSkipped() {
        // accepted Thu 2025-04-03; Fri 04-04 is 清明: 2 working days -> Mon 04-07, Tue 04-08
        CaseState state = fold(CaseStory.of("c").submitted(at("2025-04-03", 9)).accepted(at("2025-04-03", 10), 2));
        assertThat(state.dueAt).isEqualTo(at("2025-04-09", 0));
        assertThat(WarningRule.DEFAULT.yellowAt(state, CALENDAR)).isEqualTo(at("2025-04-08", 0));
    }

    @Test
    void immediateItemIsYellowFromAcceptance() {
        CaseState state = fold(CaseStory.of("c").submitted(at("2025-03-03", 9)).accepted(at("2025-03-03", 10), 0));
        assertThat(state.dueAt).isEqualTo(at("2025-03-04", 0));
        assertThat(WarningRule.DEFAULT.yellowAt(state, CALENDAR)).isEqualTo(at("2025-03-03", 10));
    }

    @Test
    void suspendedDaysAreNotAllowedTime() {
        CaseState state = fold(CaseStory.of("c").submitted(at("2025-03-03", 9)).accepted(at("2025-03-03", 10), 20)
                .suspended(at("2025-03-05", 10)).resumed(at("2025-03-10", 10)));
        assertThat(state.suspendedWorkingDays).isEqualTo(3);
        assertThat(WarningRule.DEFAULT.allowedWorkingDays(state, CALENDAR)).isEqualTo(20);
        // the due day moved 3 working days (to Thu 04-03), and so did the warning (to Wed 04-02)
        assertThat(state.dueAt).isEqualTo(at("2025-04-04", 0));
        assertThat(WarningRule.DEFAULT.yellowAt(state, CALENDAR)).isEqualTo(at("2025-04-02", 0));
    }

    @Test
    void thresholdsAreConfigurable() {
        CaseState state = fold(CaseStory.of("c").submitted(at("2025-03-03", 9)).accepted(at("2025-03-03", 10), 20));
        // 50%: 10 working days used at 00:00 of the 11th working day, Tue 2025-03-18
        assertThat(new WarningRule(0.5, 1).yellowAt(state, CALENDAR)).isEqualTo(at("2025-03-18", 0));
        // 3 days left (counting the day itself) at 00:00 of Thu 2025-03-27
        assertThat(new WarningRule(1.0, 3).yellowAt(state, CALENDAR)).isEqualTo(at("2025-03-27", 0));
    }
}
