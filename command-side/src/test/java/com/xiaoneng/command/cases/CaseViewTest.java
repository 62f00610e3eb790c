package com.xiaoneng.command.cases;

import com.xiaoneng.events.ApplicantType;
import com.xiaoneng.events.CaseAccepted;
import com.xiaoneng.events.CaseExtended;
import com.xiaoneng.events.CaseResumed;
import com.xiaoneng.events.CaseSubmitted;
import com.xiaoneng.events.CaseSuspended;
import com.xiaoneng.events.Channel;
import com.xiaoneng.events.CrossRegionMode;
import com.xiaoneng.events.ItemType;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The case view the command side answers GET /api/cases/{id} with follows the lifecycle's dueProvisional rule
 * (events CaseFacts), as the job's case_facts does (streaming CaseStateTest): a due date computed across a year
 * without holiday data stays provisional through an extension or a resumption computed from it.
 */
class CaseViewTest {
    static final Instant T = Instant.parse("2025-03-03T02:00:00Z");
    static final Instant DUE = Instant.parse("2025-03-10T16:00:00Z");
    static final CaseSubmitted SUBMITTED = new CaseSubmitted("c1", T, "ITEM-1", 1, "item", ItemType.LICENSE, "A-1",
            "agency", ApplicantType.PERSON, "p-1", Channel.ONLINE, "650102", "650102", CrossRegionMode.LOCAL);

    @Test
    void aProvisionalDueDateStaysProvisionalThroughAnExtensionAndAResumption() {
        CaseView extended = CaseView.of(List.of(SUBMITTED,
                new CaseAccepted("c1", T.plusSeconds(60), 1, 5, 5, DUE, true, null),
                new CaseExtended("c1", T.plusSeconds(120), 3, "site visit", DUE.plusSeconds(3 * 86400), false)));
        assertThat(extended.dueProvisional()).isTrue();
        assertThat(extended.dueAt()).isEqualTo(DUE.plusSeconds(3 * 86400));

        CaseView resumed = CaseView.of(List.of(SUBMITTED,
                new CaseAccepted("c1", T.plusSeconds(60), 1, 5, 5, DUE, true, null),
                new CaseSuspended("c1", T.plusSeconds(120), "hearing", "why"),
                new CaseResumed("c1", T.plusSeconds(180), 1, DUE.plusSeconds(86400), false)));
        assertThat(resumed.dueProvisional()).isTrue();

        CaseView certain = CaseView.of(List.of(SUBMITTED,
                new CaseAccepted("c1", T.plusSeconds(60), 1, 5, 5, DUE, false, null),
                new CaseExtended("c1", T.plusSeconds(120), 3, "site visit", DUE.plusSeconds(3 * 86400), false)));
        assertThat(certain.dueProvisional()).isFalse();
    }
}
