package com.xiaoneng.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StrictJsonTest {
    record Body(String name, Integer days, Integer count, Boolean flag, Channel channel, OffsetDateTime at, List<String> items) {
    }

    private final ObjectMapper json = StrictJson.apply(JsonMapper.builder().addModule(new JavaTimeModule()).build());

    @Test
    void readsWellFormedBodies() throws JsonProcessingException {
        Body body = json.readValue("""
                {"name":"a","days":5,"count":1,"flag":true,"channel":"HALL","at":"2026-01-02T03:04:05+08:00","items":["x"]}""",
                Body.class);
        assertThat(body.days()).isEqualTo(5);
        assertThat(body.channel()).isEqualTo(Channel.HALL);
        assertThat(body.at().toInstant().toString()).isEqualTo("2026-01-01T19:04:05Z");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"name\":\"a\"} x",
            "{\"name\":\"a\"}{\"name\":\"b\"}",
            "{\"name\":\"a\",\"name\":\"b\"}",
            "{\"channel\":1}",
            "{\"name\":123456}",
            "{\"name\":true}",
            "{\"days\":\"5\"}",
            "{\"days\":3.5}",
            "{\"flag\":\"true\"}",
            "{\"flag\":1}",
            "{\"at\":1735689600}",
            "{\"at\":1735689600.5}",
            "{\"at\":\"2026-01-02T03:04:05\"}",
            "{\"at\":\"2026-01-02\"}",
            "{\"items\":\"x\"}",
            "{\"items\":[1]}",
            "{\"unknown\":1}",
            "{\"channel\":\"\"}",
            "{\"days\":\"\"}",
    })
    void refusesWhatItWouldHaveToGuess(String text) {
        assertThatThrownBy(() -> json.readValue(text, Body.class)).isInstanceOf(JsonProcessingException.class);
    }

    record Primitive(int count) {
    }

    @Test
    void refusesNullForAPrimitive() {
        assertThatThrownBy(() -> json.readValue("{\"count\":null}", Primitive.class)).isInstanceOf(JsonProcessingException.class);
    }

    @Test
    void refusesDuplicateKeysInTrees() {
        assertThatThrownBy(() -> json.readTree("{\"a\":1,\"a\":2}")).isInstanceOf(JsonProcessingException.class);
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            "{\"name\":\"a\"} x|                 |body.unreadable",
            "{\"name\":\"a\"} {}|                |json.trailing-content",
            "{\"name\":\"a\",\"name\":\"b\"}|name|json.duplicate-key",
            "{\"channel\":1}|                      channel|field.format",
            "{\"days\":\"5\"}|                   days|field.format",
            "{\"at\":1735689600}|                  at|field.format",
            "{\"items\":[1]}|                      items[0]|field.format",
            "{\"unknown\":1}|                      unknown|field.unknown",
            "{\"name\":|                           |body.unreadable",
    })
    void describesRefusalsWithoutJavaNames(String text, String field, String rule) {
        JsonProcessingException e = org.junit.jupiter.api.Assertions.assertThrows(JsonProcessingException.class,
                () -> json.readValue(text, Body.class));
        Bounds.Violation violation = StrictJson.describe(e);
        assertThat(violation.rule()).isEqualTo(rule);
        assertThat(violation.field()).isEqualTo(field);
        assertThat(violation.message()).doesNotContain("java.", "Exception", "`");
    }
}
