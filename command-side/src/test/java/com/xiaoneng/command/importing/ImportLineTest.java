package com.xiaoneng.command.importing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.xiaoneng.events.StrictJson;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A line's content hash must not change between versions: a file imported again is then all duplicates. */
class ImportLineTest {
    private final ObjectMapper json = StrictJson.apply(JsonMapper.builder().addModule(new JavaTimeModule()).build());

    @Test
    void canonicalFormIsJacksonsTextOfTheSortedLineWithoutItsKey() throws Exception {
        String[] lines = {
                "{\"command\":\"submit\",\"caseId\":\"C-1\",\"key\":\"k\",\"itemCode\":\"XJ\\u0001-\\\"q\\\"\\\\/\","
                        + "\"applicant\":{\"type\":\"PERSON\",\"id\":\"身份证 650102\\u2028😀\"},\"channel\":\"ONLINE\"}",
                "{\"command\":\"accept\",\"caseId\":\"C-2\",\"at\":\"2025-03-01T10:00:00+08:00\","
                        + "\"deficiency\":{\"missing\":[\"a\",\"\\t\",null,true],\"correctionDays\":5}}",
                "{\"command\":\"rate\",\"caseId\":\"C-3\",\"score\":-12345678901234567890,\"weight\":1.5e3,"
                        + "\"nested\":[[],{}],\"comment\":\"\\u007f\\u0080\\ud7ff\",\"z\":false,\"a\":null}",
        };
        for (String line : lines) {
            JsonNode node = json.readTree(line);
            assertThat(ImportLine.canonical(node)).isEqualTo(sorted(node, true).toString());
        }
    }

    @Test
    void keyAndMemberOrderDoNotChangeTheHash() throws Exception {
        ImportLine a = ImportLine.parse(1, "{\"command\":\"resume\",\"caseId\":\"C-1\",\"at\":\"2025-03-01T10:00:00+08:00\"}", json);
        ImportLine b = ImportLine.parse(2, "{\"at\":\"2025-03-01T10:00:00+08:00\",\"key\":\"x\",\"caseId\":\"C-1\",\"command\":\"resume\"}", json);
        assertThat(a.outcome).isNull();
        assertThat(b.outcome).isNull();
        assertThat(a.hashHex).isEqualTo(b.hashHex);
        assertThat(a.key).isEqualTo(ImportLine.DERIVED_KEY_PREFIX + a.hashHex);
        assertThat(b.key).isEqualTo("x");
    }

    /** The reference: the same tree with object members in name order (and the top-level key left out). */
    private JsonNode sorted(JsonNode node, boolean top) {
        if (node.isObject()) {
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            names.sort(null);
            ObjectNode copy = json.createObjectNode();
            for (String name : names) {
                if (!(top && name.equals("key"))) {
                    copy.set(name, sorted(node.get(name), false));
                }
            }
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = json.createArrayNode();
            node.forEach(element -> copy.add(sorted(element, false)));
            return copy;
        }
        return node;
    }
}
