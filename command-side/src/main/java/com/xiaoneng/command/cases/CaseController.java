package com.xiaoneng.command.cases;

import com.xiaoneng.command.security.CaseAccess;
import com.xiaoneng.events.EventEnvelope;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
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
        commands.sendAndWait(body.toCommand(caseId));
        return ResponseEntity.created(URI.create("/api/cases/" + caseId)).body(Map.of("caseId", caseId));
    }

    @PostMapping("/{id}/accept")
    public Map<String, Object> accept(@PathVariable String id, @RequestBody CaseRequests.Accept body) {
        return Map.of("caseId", id, "dueAt", send(id, body));
    }

    @PostMapping("/{id}/not-accept")
    public Map<String, Object> notAccept(@PathVariable String id, @RequestBody CaseRequests.NotAccept body) {
        send(id, body);
        return Map.of("caseId", id);
    }

    @PostMapping("/{id}/correct")
    public Map<String, Object> correct(@PathVariable String id, @RequestBody CaseRequests.Correct body) {
        send(id, body);
        return Map.of("caseId", id);
    }

    @PostMapping("/{id}/revoke-acceptance")
    public Map<String, Object> revoke(@PathVariable String id, @RequestBody CaseRequests.Revoke body) {
        send(id, body);
        return Map.of("caseId", id);
    }

    @PostMapping("/{id}/suspend")
    public Map<String, Object> suspend(@PathVariable String id, @RequestBody CaseRequests.Suspend body) {
        send(id, body);
        return Map.of("caseId", id);
    }

    @PostMapping("/{id}/resume")
    public Map<String, Object> resume(@PathVariable String id, @RequestBody CaseRequests.Resume body) {
        return Map.of("caseId", id, "dueAt", send(id, body));
    }

    @PostMapping("/{id}/extend")
    public Map<String, Object> extend(@PathVariable String id, @RequestBody CaseRequests.Extend body) {
        return Map.of("caseId", id, "dueAt", send(id, body));
    }

    @PostMapping("/{id}/complete")
    public Map<String, Object> complete(@PathVariable String id, @RequestBody CaseRequests.Complete body) {
        return Map.of("caseId", id, "onTime", send(id, body));
    }

    @PostMapping("/{id}/rate")
    public Map<String, Object> rate(@PathVariable String id, @RequestBody CaseRequests.Rate body) {
        send(id, body);
        return Map.of("caseId", id);
    }

    @PostMapping("/{id}/rectify-rating")
    public Map<String, Object> rectify(@PathVariable String id, @RequestBody CaseRequests.Rectify body) {
        return Map.of("caseId", id, "onTime", send(id, body));
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

    /** Scope check against the stored case, for reads; an unknown case is a 404 from here. */
    private void authorize(String caseId) {
        requireCaseId(caseId);
        access.requireHandlingRegion(history.state(caseId).handlingRegion());
    }

    private static void requireCaseId(String caseId) {
        if (!ServiceCase.isCaseId(caseId)) {
            throw CaseException.invalid("caseId", "case.id-format", "a caseId is 1-64 characters [A-Za-z0-9_-]");
        }
    }

    /** The step's command for case {@code id}; the aggregate checks the caller's scope. The handler's result. */
    private <R> R send(String id, CaseRequests.CaseRequest body) {
        requireCaseId(id);
        return commands.sendAndWait(body.toCommand(id));
    }
}
