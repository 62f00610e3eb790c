package com.xiaoneng.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.time.Instant;
import java.util.UUID;

/**
 * The JSON codec of the contract (docs/events.md). Reading is strict: unknown fields, missing
 * required fields and broken invariants all raise {@link InvalidEventException}, whose message says why.
 */
public final class EventJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .build();

    private EventJson() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static String write(EventEnvelope envelope) {
        try {
            return MAPPER.writeValueAsString(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + envelope.type(), e);
        }
    }

    public static byte[] writeBytes(EventEnvelope envelope) {
        try {
            return MAPPER.writeValueAsBytes(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + envelope.type(), e);
        }
    }

    public static EventEnvelope read(byte[] json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidEventException("not JSON: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw new InvalidEventException("not JSON: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new InvalidEventException("not a JSON object");
        }
        return read((ObjectNode) root);
    }

    public static EventEnvelope read(String json) {
        return read(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static EventEnvelope read(ObjectNode root) {
        String type = textField(root, "type");
        Class<? extends CaseEvent> dataClass = CaseEventTypes.classOf(type);
        JsonNode data = root.get("data");
        if (data == null || !data.isObject()) {
            throw new InvalidEventException("data is required");
        }
        for (String field : new String[] {"schemaVersion", "eventId", "caseId", "sequence", "occurredAt", "recordedAt"}) {
            if (!root.hasNonNull(field)) {
                throw new InvalidEventException(field + " is required");
            }
        }
        root.fieldNames().forEachRemaining(name -> {
            if (!java.util.Set.of("schemaVersion", "eventId", "type", "caseId", "sequence", "occurredAt",
                    "recordedAt", "data").contains(name)) {
                throw new InvalidEventException("unknown field " + name);
            }
        });
        try {
            CaseEvent payload = MAPPER.treeToValue(data, dataClass);
            return new EventEnvelope(root.get("schemaVersion").asInt(), UUID.fromString(textField(root, "eventId")),
                    type, textField(root, "caseId"), root.get("sequence").asLong(),
                    Instant.parse(textField(root, "occurredAt")), Instant.parse(textField(root, "recordedAt")), payload);
        } catch (InvalidEventException e) {
            throw e;
        } catch (JsonProcessingException e) {
            Throwable cause = e.getCause();
            if (cause instanceof InvalidEventException invalid) {
                throw invalid;
            }
            throw new InvalidEventException(type + ": " + e.getOriginalMessage());
        } catch (RuntimeException e) {
            throw new InvalidEventException(type + ": " + e.getMessage());
        }
    }

    private static String textField(JsonNode root, String field) {
        JsonNode value = root.get(field);
        if (value == null || !value.isTextual()) {
            throw new InvalidEventException(field + " is required");
        }
        return value.asText();
    }
}
