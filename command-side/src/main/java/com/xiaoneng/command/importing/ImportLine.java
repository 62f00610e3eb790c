package com.xiaoneng.command.importing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.xiaoneng.command.cases.CaseException;
import com.xiaoneng.command.cases.CaseRequests;
import com.xiaoneng.command.cases.ServiceCase;
import com.xiaoneng.events.Bounds;
import com.xiaoneng.events.StrictJson;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** One line of an import: its number, the command it holds, its idempotency key, and what became of it. */
final class ImportLine {
    static final int MAX_KEY_LENGTH = 200;
    /** Prefix of the keys derived from a line's content, so they never collide with keys a file gives. */
    static final String DERIVED_KEY_PREFIX = "sha256:";
    private static final List<String> LINE_FIELDS = List.of("command", "key");

    enum Outcome { APPLIED, DUPLICATE, REJECTED }

    final long number;
    String caseId;
    String key;
    String hashHex;
    Object command;
    Outcome outcome;
    ImportReport.Rejection rejection;

    private ImportLine(long number) {
        this.number = number;
    }

    static ImportLine parse(long number, String raw, ObjectMapper json) {
        ImportLine line = new ImportLine(number);
        if (raw == LineReader.TOO_LONG) {
            return line.reject(413, "line.too-long", null, "the line is longer than " + CaseImport.MAX_LINE_CHARS
                    + " characters");
        }
        JsonNode node;
        try {
            node = json.readTree(raw);
        } catch (JsonProcessingException e) {
            Bounds.Violation violation = StrictJson.describe(e);
            return line.reject(400, violation.rule().equals("body.unreadable") ? "line.unreadable" : violation.rule(),
                    violation.field(), violation.message());
        }
        if (node == null || !node.isObject()) {
            return line.reject(400, "line.not-object", null, "a line must be one JSON object");
        }
        JsonNode caseId = node.get("caseId");
        line.caseId = caseId != null && caseId.isTextual() ? caseId.asText() : null;
        JsonNode command = node.get("command");
        if (command == null || !command.isTextual() || command.asText().isBlank()) {
            return line.reject(400, "field.required", "command", "command is required");
        }
        if (line.caseId == null || line.caseId.isBlank()) {
            return line.reject(400, "field.required", "caseId", "caseId is required");
        }
        if (!ServiceCase.isCaseId(line.caseId)) {
            String refused = line.caseId;
            line.caseId = null; // not echoed back: it may hold anything
            return line.reject(400, "case.id-format", "caseId", "a caseId is 1-64 characters [A-Za-z0-9_-], not "
                    + (refused.length() > 64 ? refused.length() + " characters" : "this one"));
        }
        line.hashHex = ImportStore.hex(sha256(canonical(node)));
        JsonNode key = node.get("key");
        if (key == null || key.isNull()) {
            line.key = DERIVED_KEY_PREFIX + line.hashHex;
        } else if (!key.isTextual() || key.asText().isBlank() || Bounds.text("key", key.asText(), MAX_KEY_LENGTH).isPresent()) {
            return line.reject(400, "import.key-format", "key", "key must be a string of 1-" + MAX_KEY_LENGTH
                    + " characters without control characters");
        } else {
            line.key = key.asText();
        }
        try {
            line.command = step(command.asText(), (ObjectNode) node, json).toCommand(line.caseId);
        } catch (CaseException e) {
            return line.reject(e.status(), e.rule(), e.field(), e.getMessage());
        }
        return line;
    }

    /**
     * The line's step body: the fields of the REST step named {@code command}. The line's own fields
     * (command, key, and caseId but for a submit) are not the step's: the rest must be.
     */
    private static CaseRequests.CaseRequest step(String command, ObjectNode line, ObjectMapper json) {
        Class<? extends CaseRequests.CaseRequest> type = CaseRequests.STEPS.get(command);
        if (type == null) {
            throw CaseException.invalid("command", "import.command-unknown",
                    "command must be one of " + String.join(", ", CaseRequests.STEPS.keySet()));
        }
        // the line is hashed already: its own fields are taken off in place, not off a copy
        line.remove(LINE_FIELDS);
        if (type != CaseRequests.Submit.class) {
            line.remove("caseId");
        }
        try {
            return json.treeToValue(line, type);
        } catch (JsonProcessingException e) {
            Bounds.Violation violation = StrictJson.describe(e);
            throw CaseException.invalid(violation.field(), violation.rule(), violation.message());
        }
    }

    ImportLine reject(int status, String rule, String field, String message) {
        outcome = Outcome.REJECTED;
        rejection = new ImportReport.Rejection(number, caseId, status, rule, field, message);
        return this;
    }

    /** The line's JSON with object members sorted by name and the key left out: equal for equal content. */
    static String canonical(JsonNode node) {
        StringBuilder out = new StringBuilder(256);
        write(node, out, true);
        return out.toString();
    }

    private static void write(JsonNode node, StringBuilder out, boolean top) {
        if (node.isObject()) {
            List<String> names = new ArrayList<>();
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String name = it.next();
                if (!(top && name.equals("key"))) {
                    names.add(name);
                }
            }
            names.sort(null);
            out.append('{');
            for (int i = 0; i < names.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                quoted(names.get(i), out);
                out.append(':');
                write(node.get(names.get(i)), out, false);
            }
            out.append('}');
        } else if (node.isArray()) {
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                write(node.get(i), out, false);
            }
            out.append(']');
        } else if (node.isTextual()) {
            quoted(node.textValue(), out);
        } else if (node.isIntegralNumber() || node.isBoolean() || node.isNull()) {
            out.append(node.asText());
        } else {
            out.append(node.toString());
        }
    }

    /**
     * A JSON string as Jackson writes it (the same escapes, so hashes stored by earlier versions still match),
     * without the tree-to-text writer that {@code node.toString()} sets up for each value.
     */
    private static void quoted(String text, StringBuilder out) {
        out.append('"');
        JsonStringEncoder.getInstance().quoteAsString(text, out);
        out.append('"');
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
