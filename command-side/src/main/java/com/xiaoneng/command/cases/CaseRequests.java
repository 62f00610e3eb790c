package com.xiaoneng.command.cases;

import com.xiaoneng.command.cases.CaseCommands.AcceptCase;
import com.xiaoneng.command.cases.CaseCommands.CompleteCase;
import com.xiaoneng.command.cases.CaseCommands.CorrectCase;
import com.xiaoneng.command.cases.CaseCommands.DeficiencyNotice;
import com.xiaoneng.command.cases.CaseCommands.ExtendCase;
import com.xiaoneng.command.cases.CaseCommands.NotAcceptCase;
import com.xiaoneng.command.cases.CaseCommands.RateCase;
import com.xiaoneng.command.cases.CaseCommands.RectifyRating;
import com.xiaoneng.command.cases.CaseCommands.ResumeCase;
import com.xiaoneng.command.cases.CaseCommands.RevokeAcceptance;
import com.xiaoneng.command.cases.CaseCommands.SubmitCase;
import com.xiaoneng.command.cases.CaseCommands.SuspendCase;
import com.xiaoneng.events.ApplicantType;
import com.xiaoneng.events.Channel;
import com.xiaoneng.events.Outcome;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON bodies of the case steps, each turning itself into its command: the one mapping from request to
 * command, with its defaults, that the REST endpoints and the import both use. Times are ISO-8601 with
 * an offset.
 */
public final class CaseRequests {
    private CaseRequests() {
    }

    /** A step's body; a CaseException (400) from {@link #toCommand} names the field that is wrong. */
    public sealed interface CaseRequest permits Submit, Accept, NotAccept, Correct, Revoke, Suspend, Resume, Extend,
            Complete, Rate, Rectify {
        Object toCommand(String caseId);
    }

    /** Each step by its name in the REST path ({@code /api/cases/{id}/<name>}; {@code submit} is POST /api/cases). */
    public static final Map<String, Class<? extends CaseRequest>> STEPS = steps();

    private static Map<String, Class<? extends CaseRequest>> steps() {
        Map<String, Class<? extends CaseRequest>> steps = new LinkedHashMap<>();
        steps.put("submit", Submit.class);
        steps.put("accept", Accept.class);
        steps.put("not-accept", NotAccept.class);
        steps.put("correct", Correct.class);
        steps.put("revoke-acceptance", Revoke.class);
        steps.put("suspend", Suspend.class);
        steps.put("resume", Resume.class);
        steps.put("extend", Extend.class);
        steps.put("complete", Complete.class);
        steps.put("rate", Rate.class);
        steps.put("rectify-rating", Rectify.class);
        return Collections.unmodifiableMap(steps);
    }

    public record Applicant(ApplicantType type, String id) {
    }

    /** {@code caseId} may be left out: the case is then given a random one (see {@link CaseController#submit}). */
    public record Submit(String caseId, String itemCode, Applicant applicant, Channel channel, String acceptingRegion,
                         String handlingRegion, OffsetDateTime submittedAt) implements CaseRequest {
        @Override
        public SubmitCase toCommand(String caseId) {
            Applicant a = applicant == null ? new Applicant(null, null) : applicant;
            return new SubmitCase(caseId, itemCode, a.type(), a.id(), channel, acceptingRegion, handlingRegion,
                    instant(submittedAt));
        }
    }

    public record DeficiencyBody(List<String> missing, Integer correctionDays) {
    }

    public record Accept(OffsetDateTime at, DeficiencyBody deficiency) implements CaseRequest {
        @Override
        public AcceptCase toCommand(String caseId) {
            return new AcceptCase(caseId, instant(at), deficiency == null ? null
                    : new DeficiencyNotice(deficiency.missing(), deficiency.correctionDays()));
        }
    }

    public record NotAccept(OffsetDateTime at, String reason, String referTo) implements CaseRequest {
        @Override
        public NotAcceptCase toCommand(String caseId) {
            return new NotAcceptCase(caseId, instant(at), reason, referTo);
        }
    }

    public record Correct(OffsetDateTime at, List<String> items) implements CaseRequest {
        @Override
        public CorrectCase toCommand(String caseId) {
            return new CorrectCase(caseId, instant(at), items);
        }
    }

    public record Revoke(OffsetDateTime at, String reason) implements CaseRequest {
        @Override
        public RevokeAcceptance toCommand(String caseId) {
            return new RevokeAcceptance(caseId, instant(at), reason);
        }
    }

    public record Suspend(OffsetDateTime at, String procedure, String reason) implements CaseRequest {
        @Override
        public SuspendCase toCommand(String caseId) {
            return new SuspendCase(caseId, instant(at), procedure, reason);
        }
    }

    public record Resume(OffsetDateTime at) implements CaseRequest {
        @Override
        public ResumeCase toCommand(String caseId) {
            return new ResumeCase(caseId, instant(at));
        }
    }

    public record Extend(OffsetDateTime at, Integer days, String reason) implements CaseRequest {
        @Override
        public ExtendCase toCommand(String caseId) {
            return new ExtendCase(caseId, instant(at), days, reason);
        }
    }

    public record Complete(OffsetDateTime at, Outcome outcome, String reason) implements CaseRequest {
        @Override
        public CompleteCase toCommand(String caseId) {
            return new CompleteCase(caseId, instant(at), outcome, reason);
        }
    }

    public record Rate(OffsetDateTime at, Integer score, String comment) implements CaseRequest {
        @Override
        public RateCase toCommand(String caseId) {
            if (score == null) {
                throw CaseException.invalid("score", "field.required", "score is required");
            }
            return new RateCase(caseId, instant(at), score, comment);
        }
    }

    public record Rectify(OffsetDateTime at, String measures) implements CaseRequest {
        @Override
        public RectifyRating toCommand(String caseId) {
            return new RectifyRating(caseId, instant(at), measures);
        }
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
