package com.xiaoneng.command.cases;

import com.xiaoneng.events.ApplicantType;
import com.xiaoneng.events.Channel;
import com.xiaoneng.events.Outcome;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;

import java.time.Instant;
import java.util.List;

/** The commands a case-handling system sends for each step of a case. */
public final class CaseCommands {
    private CaseCommands() {
    }

    /** A command on one case, named by its {@code caseId}. */
    public sealed interface CaseCommand {
        String caseId();
    }

    /**
     * Routes a command to its case by {@link CaseCommand#caseId()}: a method call, where Axon's default
     * resolver looks the identifier's annotation up by reflection on every command (a visible share of an
     * import's time).
     */
    public static final class CaseTarget implements CommandTargetResolver {
        @Override
        public VersionedAggregateIdentifier resolveTarget(CommandMessage<?> command) {
            if (!(command.getPayload() instanceof CaseCommand caseCommand)) {
                throw new IllegalArgumentException("not a case command: " + command.getPayloadType().getName());
            }
            return new VersionedAggregateIdentifier(caseCommand.caseId(), null);
        }
    }

    public record SubmitCase(String caseId, String itemCode, ApplicantType applicantType, String applicantId,
                             Channel channel, String acceptingRegion, String handlingRegion, Instant submittedAt) implements CaseCommand {
    }

    public record DeficiencyNotice(List<String> missing, Integer correctionDays) {
    }

    public record AcceptCase(String caseId, Instant at, DeficiencyNotice deficiency) implements CaseCommand {
    }

    public record NotAcceptCase(String caseId, Instant at, String reason, String referTo) implements CaseCommand {
    }

    public record CorrectCase(String caseId, Instant at, List<String> items) implements CaseCommand {
    }

    public record RevokeAcceptance(String caseId, Instant at, String reason) implements CaseCommand {
    }

    public record SuspendCase(String caseId, Instant at, String procedure, String reason) implements CaseCommand {
    }

    public record ResumeCase(String caseId, Instant at) implements CaseCommand {
    }

    public record ExtendCase(String caseId, Instant at, Integer days, String reason) implements CaseCommand {
    }

    public record CompleteCase(String caseId, Instant at, Outcome outcome, String reason) implements CaseCommand {
    }

    public record RateCase(String caseId, Instant at, int score, String comment) implements CaseCommand {
    }

    public record RectifyRating(String caseId, Instant at, String measures) implements CaseCommand {
    }
}
