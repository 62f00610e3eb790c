package com.xiaoneng.command.cases;

import com.xiaoneng.events.ApplicantType;
import com.xiaoneng.events.Channel;
import com.xiaoneng.events.Outcome;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.List;

/** The commands a case-handling system sends for each step of a case. */
public final class CaseCommands {
    private CaseCommands() {
    }

    public record SubmitCase(String caseId, String itemCode, ApplicantType applicantType, String applicantId,
                             Channel channel, String acceptingRegion, String handlingRegion, Instant submittedAt) {
    }

    public record DeficiencyNotice(List<String> missing, Integer correctionDays) {
    }

    public record AcceptCase(@TargetAggregateIdentifier String caseId, Instant at, DeficiencyNotice deficiency) {
    }

    public record NotAcceptCase(@TargetAggregateIdentifier String caseId, Instant at, String reason, String referTo) {
    }

    public record CorrectCase(@TargetAggregateIdentifier String caseId, Instant at, List<String> items) {
    }

    public record RevokeAcceptance(@TargetAggregateIdentifier String caseId, Instant at, String reason) {
    }

    public record SuspendCase(@TargetAggregateIdentifier String caseId, Instant at, String procedure, String reason) {
    }

    public record ResumeCase(@TargetAggregateIdentifier String caseId, Instant at) {
    }

    public record ExtendCase(@TargetAggregateIdentifier String caseId, Instant at, Integer days, String reason) {
    }

    public record CompleteCase(@TargetAggregateIdentifier String caseId, Instant at, Outcome outcome, String reason) {
    }

    public record RateCase(@TargetAggregateIdentifier String caseId, Instant at, int score, String comment) {
    }

    public record RectifyRating(@TargetAggregateIdentifier String caseId, Instant at, String measures) {
    }
}
