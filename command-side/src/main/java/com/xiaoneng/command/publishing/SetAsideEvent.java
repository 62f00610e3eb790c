package com.xiaoneng.command.publishing;

import java.time.Instant;

/**
 * A stored event the publisher set aside because its record was refused (publish_set_aside). The event
 * itself stays in the event store; {@code republishedAt} is set once an admin sent it again successfully.
 *
 * @param globalIndex the event's position in the store (the processor's token), when known
 * @param rule        the refusal, as in error bodies: event.too-large, event.unreadable, event.invalid,
 *                    record.too-large, record.serialization, record.invalid
 */
public record SetAsideEvent(String eventId, String caseId, long sequence, String type, Long globalIndex, String rule,
                            String reason, Instant setAsideAt, Instant republishedAt) {
}
