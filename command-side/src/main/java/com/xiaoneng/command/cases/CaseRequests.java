package com.xiaoneng.command.cases;

import com.xiaoneng.events.ApplicantType;
import com.xiaoneng.events.Channel;
import com.xiaoneng.events.Outcome;

import java.time.OffsetDateTime;
import java.util.List;

/** JSON bodies of the case endpoints; times are ISO-8601 with an offset. */
final class CaseRequests {
    private CaseRequests() {
    }

    record Applicant(ApplicantType type, String id) {
    }

    record Submit(String caseId, String itemCode, Applicant applicant, Channel channel, String acceptingRegion,
                  String handlingRegion, OffsetDateTime submittedAt) {
    }

    record DeficiencyBody(List<String> missing, Integer correctionDays) {
    }

    record Accept(OffsetDateTime at, DeficiencyBody deficiency) {
    }

    record NotAccept(OffsetDateTime at, String reason, String referTo) {
    }

    record Correct(OffsetDateTime at, List<String> items) {
    }

    record Revoke(OffsetDateTime at, String reason) {
    }

    record Suspend(OffsetDateTime at, String procedure, String reason) {
    }

    record Resume(OffsetDateTime at) {
    }

    record Extend(OffsetDateTime at, Integer days, String reason) {
    }

    record Complete(OffsetDateTime at, Outcome outcome, String reason) {
    }

    record Rate(OffsetDateTime at, Integer score, String comment) {
    }

    record Rectify(OffsetDateTime at, String measures) {
    }
}
