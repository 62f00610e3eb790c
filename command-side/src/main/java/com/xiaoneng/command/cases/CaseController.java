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
import com.xiaoneng.command.security.CaseAccess;
import com.xiaoneng.events.EventEnvelope;
import com.xiaoneng.regions.Regions;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Thin HTTP adapter: request bodies to commands, results to JSON. The rules live in {@link ServiceCase}. */
@RestController
@RequestMapping("/api/cases")
public class CaseController {
    private final CommandGateway commands;
    private final CaseHistory history;
    private final CaseAccess access;

    public CaseController(CommandGateway commands, CaseHistory history, CaseAccess access) {
        this.commands = commands;
        this.history = history;
        this.access = access;
    }

    @PostMapping
    public ResponseEntity<Map<String, String>> submit(@RequestBody CaseRequests.Submit body) {
        String caseId = body.caseId() == null || body.caseId().isBlank() ? UUID.randomUUID().toString() : body.caseId();
        if (Regions.isValidCode(body.handlingRegion())) {
            access.requireHandlingRegion(body.handlingRegion());
        }
        CaseRequests.Applicant applicant = body.applicant() == null ? new CaseRequests.Applicant(null, null) : body.applicant();
        commands.sendAndWait(new SubmitCase(caseId, body.itemCode(), applicant.type(), applicant.id(), body.channel(),
                body.acceptingRegion(), body.handlingRegion(), instant(body.submittedAt())));
        return ResponseEntity.created(URI.create("/api/cases/" + caseId)).body(Map.of("caseId", caseId));
    }

    @PostMapping("/{id}/accept")
    public Map<String, Object> accept(@PathVariable String id, @RequestBody CaseRequests.Accept body) {
        authorize(id);
        DeficiencyNotice deficiency = body.deficiency() == null ? null
                : new DeficiencyNotice(body.deficiency().missing(), body.deficiency().correctionDays());
        Instant dueAt = commands.sendAndWait(new AcceptCase(id, instant(body.at()), deficiency));
        return Map.of("caseId", id, "dueAt", dueAt);
    }

    @PostMapping("/{id}/not-accept")
    public Map<String, Object> notAccept(@PathVariable String id, @RequestBody CaseRequests.NotAccept body) {
        authorize(id);
        commands.sendAndWait(new NotAcceptCase(id, instant(body.at()), body.reason(), body.referTo()));
        return Map.of("caseId", id);
    }

    @PostMapping("/{id}/correct")
    public Map<String, Object> correct(@PathVariable String id, @RequestBody CaseRequests.Correct body) {
        authorize(id);
        commands.sendAndWait(new CorrectCase(id, instant(body.at()), body.items()));
        return Map.of("caseId", id);
    }

    @PostMapping("/{id}/revoke-acceptance")
    public Map<String, Object> revoke(@PathVariable String id, @RequestBody CaseRequests.Revoke body) {
        authorize(id);
        commands.sendAndWait(new RevokeAcceptance(id, instant(body.at()), body.reason()));
        return Map.of("caseId", id);
    }

    @PostMapping("/{id}/suspend")
    public Map<String, Object> suspend(@PathVariable String id, @RequestBody CaseRequests.Suspend body) {
        authorize(id);
        commands.sendAndWait(new SuspendCase(id, instant(body.at()), body.procedure(), body.reason()));
        return Map.of("caseId", id);
    }

    @PostMapping("/{id}/resume")
    public Map<String, Object> resume(@PathVariable String id, @RequestBody CaseRequests.Resume body) {
        authorize(id);
        Instant dueAt = commands.sendAndWait(new ResumeCase(id, instant(body.at())));
        return Map.of("caseId", id, "dueAt", dueAt);
    }

    @PostMapping("/{id}/extend")
    public Map<String, Object> extend(@PathVariable String id, @RequestBody CaseRequests.Extend body) {
        authorize(id);
        Instant dueAt = commands.sendAndWait(new ExtendCase(id, instant(body.at()), body.days(), body.reason()));
        return Map.of("caseId", id, "dueAt", dueAt);
    }

    @PostMapping("/{id}/complete")
    public Map<String, Object> complete(@PathVariable String id, @RequestBody CaseRequests.Complete body) {
        authorize(id);
        boolean onTime = commands.sendAndWait(new CompleteCase(id, instant(body.at()), body.outcome(), body.reason()));
        return Map.of("caseId", id, "onTime", onTime);
    }

    @PostMapping("/{id}/rate")
    public Map<String, Object> rate(@PathVariable String id, @RequestBody CaseRequests.Rate body) {
        authorize(id);
        if (body.score() == null) {
            throw CaseException.invalid("score", "field.required", "score is required");
        }
        commands.sendAndWait(new RateCase(id, instant(body.at()), body.score(), body.comment()));
        return Map.of("caseId", id);
    }

    @PostMapping("/{id}/rectify-rating")
    public Map<String, Object> rectify(@PathVariable String id, @RequestBody CaseRequests.Rectify body) {
        authorize(id);
        boolean onTime = commands.sendAndWait(new RectifyRating(id, instant(body.at()), body.measures()));
        return Map.of("caseId", id, "onTime", onTime);
    }

    @GetMapping("/{id}")
    public CaseView state(@PathVariable String id) {
        authorize(id);
        return history.state(id);
    }

    @GetMapping("/{id}/events")
    public List<EventEnvelope> events(@PathVariable String id) {
        authorize(id);
        return history.events(id);
    }

    /** Scope check against the stored case; an unknown case is a 404 from here. */
    private void authorize(String caseId) {
        if (!ServiceCase.isCaseId(caseId)) {
            throw CaseException.invalid("caseId", "case.id-format", "a caseId is 1-64 characters [A-Za-z0-9_-]");
        }
        access.requireHandlingRegion(history.state(caseId).handlingRegion());
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
