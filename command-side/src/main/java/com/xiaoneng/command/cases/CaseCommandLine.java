package com.xiaoneng.command.cases;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import com.xiaoneng.events.Bounds;
import com.xiaoneng.events.StrictJson;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * One case command written as JSON (an import line): the command's name as in the REST path
 * ({@code /api/cases/{id}/<name>}, {@code submit} for POST /api/cases) and the same body fields, read
 * with the same defaults as {@link CaseController}.
 */
public final class CaseCommandLine {
    public static final List<String> COMMANDS = List.of("submit", "accept", "not-accept", "correct",
            "revoke-acceptance", "suspend", "resume", "extend", "complete", "rate", "rectify-rating");

    private static final List<String> LINE_FIELDS = List.of("command", "key");

    private CaseCommandLine() {
    }

    /** The command for {@code name} on case {@code caseId}; a CaseException (400) names the field that is wrong. */
    public static Object toCommand(String name, String caseId, JsonNode body, ObjectMapper json) {
        return switch (name) {
            case "submit" -> {
                CaseRequests.Submit s = read(body, CaseRequests.Submit.class, json);
                CaseRequests.Applicant applicant = s.applicant() == null ? new CaseRequests.Applicant(null, null) : s.applicant();
                yield new SubmitCase(caseId, s.itemCode(), applicant.type(), applicant.id(), s.channel(),
                        s.acceptingRegion(), s.handlingRegion(), instant(s.submittedAt()));
            }
            case "accept" -> {
                CaseRequests.Accept a = read(body, CaseRequests.Accept.class, json);
                DeficiencyNotice deficiency = a.deficiency() == null ? null
                        : new DeficiencyNotice(a.deficiency().missing(), a.deficiency().correctionDays());
                yield new AcceptCase(caseId, instant(a.at()), deficiency);
            }
            case "not-accept" -> {
                CaseRequests.NotAccept n = read(body, CaseRequests.NotAccept.class, json);
                yield new NotAcceptCase(caseId, instant(n.at()), n.reason(), n.referTo());
            }
            case "correct" -> {
                CaseRequests.Correct c = read(body, CaseRequests.Correct.class, json);
                yield new CorrectCase(caseId, instant(c.at()), c.items());
            }
            case "revoke-acceptance" -> {
                CaseRequests.Revoke r = read(body, CaseRequests.Revoke.class, json);
                yield new RevokeAcceptance(caseId, instant(r.at()), r.reason());
            }
            case "suspend" -> {
                CaseRequests.Suspend s = read(body, CaseRequests.Suspend.class, json);
                yield new SuspendCase(caseId, instant(s.at()), s.procedure(), s.reason());
            }
            case "resume" -> new ResumeCase(caseId, instant(read(body, CaseRequests.Resume.class, json).at()));
            case "extend" -> {
                CaseRequests.Extend e = read(body, CaseRequests.Extend.class, json);
                yield new ExtendCase(caseId, instant(e.at()), e.days(), e.reason());
            }
            case "complete" -> {
                CaseRequests.Complete c = read(body, CaseRequests.Complete.class, json);
                yield new CompleteCase(caseId, instant(c.at()), c.outcome(), c.reason());
            }
            case "rate" -> {
                CaseRequests.Rate r = read(body, CaseRequests.Rate.class, json);
                if (r.score() == null) {
                    throw CaseException.invalid("score", "field.required", "score is required");
                }
                yield new RateCase(caseId, instant(r.at()), r.score(), r.comment());
            }
            case "rectify-rating" -> {
                CaseRequests.Rectify r = read(body, CaseRequests.Rectify.class, json);
                yield new RectifyRating(caseId, instant(r.at()), r.measures());
            }
            default -> throw CaseException.invalid("command", "import.command-unknown",
                    "command must be one of " + String.join(", ", COMMANDS));
        };
    }

    /** The line's own fields (command, key, and caseId but for a submit) are not the step's: the rest must be. */
    private static <T> T read(JsonNode line, Class<T> type, ObjectMapper json) {
        ObjectNode body = ((ObjectNode) line).deepCopy();
        body.remove(LINE_FIELDS);
        if (type != CaseRequests.Submit.class) {
            body.remove("caseId");
        }
        try {
            return json.treeToValue(body, type);
        } catch (JsonProcessingException e) {
            Bounds.Violation violation = StrictJson.describe(e);
            throw CaseException.invalid(violation.field(), violation.rule(), violation.message());
        }
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
