package com.xiaoneng.command.publishing;

import com.xiaoneng.web.ApiError;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.Locale;
import java.util.Optional;

/**
 * Admin: the events the publisher set aside (their records were refused), and sending one again once the
 * cause is gone (e.g. the broker's message size limit was raised). The event store is the source: the
 * event is read back from it, never from the row.
 */
@RestController
@RequestMapping("/api/admin/publisher/set-aside")
@ConditionalOnBean(KafkaPublisher.class)
public class SetAsideController {
    static final int MAX_PAGE_SIZE = 200;

    private final SetAsideStore store;
    private final KafkaPublisher publisher;
    private final EventStore eventStore;

    public SetAsideController(SetAsideStore store, KafkaPublisher publisher, EventStore eventStore) {
        this.store = store;
        this.publisher = publisher;
        this.eventStore = eventStore;
    }

    /** {@code state}: set-aside (default, not republished yet), republished or all; newest first. */
    @GetMapping
    public ResponseEntity<?> list(@RequestParam(defaultValue = "set-aside") String state,
                                  @RequestParam(defaultValue = "0") int page,
                                  @RequestParam(defaultValue = "50") int size) {
        SetAsideStore.State parsed;
        try {
            parsed = SetAsideStore.State.valueOf(state.toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            return ApiError.respond(HttpStatus.BAD_REQUEST, "state", "field.format",
                    "state must be set-aside, republished or all");
        }
        if (page < 0) {
            return ApiError.respond(HttpStatus.BAD_REQUEST, "page", "field.range", "page must be >= 0");
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            return ApiError.respond(HttpStatus.BAD_REQUEST, "size", "field.range", "size must be in 1.." + MAX_PAGE_SIZE);
        }
        return ResponseEntity.ok(store.list(parsed, page, size));
    }

    @PostMapping("/{eventId}/republish")
    public ResponseEntity<?> republish(@PathVariable String eventId) {
        Optional<SetAsideEvent> row = store.find(eventId);
        if (row.isEmpty()) {
            return ApiError.respond(HttpStatus.NOT_FOUND, "eventId", "set-aside.unknown", "no set-aside event " + eventId);
        }
        Optional<? extends DomainEventMessage<?>> event = stored(row.get());
        if (event.isEmpty()) {
            return ApiError.respond(HttpStatus.NOT_FOUND, "eventId", "event.unknown",
                    "event " + eventId + " is no longer in the event store");
        }
        RecordMetadata sent;
        try {
            sent = publisher.republish(event.get());
        } catch (RefusedRecordException refused) {
            store.refusedAgain(eventId, refused);
            return ApiError.respond(HttpStatus.CONFLICT, null, refused.rule(), refused.getMessage());
        } catch (KafkaPublisher.PublishingException e) {
            return ApiError.respond(HttpStatus.SERVICE_UNAVAILABLE, null, "publisher.unavailable",
                    "Kafka did not acknowledge the event; try again later");
        }
        store.republished(eventId);
        return ResponseEntity.ok(new Republished(eventId, "republished", sent.topic(), sent.partition(), sent.offset()));
    }

    private Optional<? extends DomainEventMessage<?>> stored(SetAsideEvent row) {
        DomainEventStream events = eventStore.readEvents(row.caseId(), row.sequence());
        return events.hasNext() && events.peek().getSequenceNumber() == row.sequence()
                && events.peek().getIdentifier().equals(row.eventId())
                ? Optional.of(events.next()) : Optional.empty();
    }

    /** Where the event went this time. */
    public record Republished(String eventId, String status, String topic, int partition, long offset) {
    }
}
