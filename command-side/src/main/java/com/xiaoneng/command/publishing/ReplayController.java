package com.xiaoneng.command.publishing;

import com.xiaoneng.events.Bounds;
import com.xiaoneng.web.ApiError;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Admin: republish the event store to Kafka from the start or from a point in time. Consumers
 * de-duplicate on eventId, so a replay rebuilds analytics without double counting.
 */
@RestController
@RequestMapping("/api/admin/publisher")
@ConditionalOnBean(KafkaPublisher.class)
public class ReplayController {
    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;

    public ReplayController(EventProcessingConfiguration processing, EventStore eventStore) {
        this.processing = processing;
        this.eventStore = eventStore;
    }

    /** Body (optional): {"from": "2025-01-01T00:00:00+08:00"}; without it, from the first event. */
    public record ReplayRequest(OffsetDateTime from) {
    }

    @PostMapping("/replay")
    public ResponseEntity<?> replay(@RequestBody(required = false) ReplayRequest request) {
        if (request != null && request.from() != null
                && (request.from().toInstant().isBefore(Instant.EPOCH) || request.from().toInstant().isAfter(Bounds.LATEST))) {
            return ApiError.respond(HttpStatus.BAD_REQUEST, "from", "instant.range",
                    "from must lie within " + Instant.EPOCH + ".." + Bounds.LATEST);
        }
        StreamingEventProcessor processor = processing
                .eventProcessor(KafkaPublisher.PROCESSING_GROUP, StreamingEventProcessor.class)
                .orElseThrow(() -> new IllegalStateException("no " + KafkaPublisher.PROCESSING_GROUP + " processor"));
        TrackingToken start = request == null || request.from() == null
                ? eventStore.createTailToken()
                : eventStore.createTokenAt(request.from().toInstant());
        processor.shutDown();
        processor.resetTokens(start);
        processor.start();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("processor", KafkaPublisher.PROCESSING_GROUP);
        body.put("from", request == null || request.from() == null ? "start" : request.from().toInstant().toString());
        body.put("status", "replaying");
        return ResponseEntity.ok(body);
    }
}
