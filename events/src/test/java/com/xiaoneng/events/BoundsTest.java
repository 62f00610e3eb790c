package com.xiaoneng.events;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BoundsTest {
    private static final Instant NOW = Instant.parse("2026-12-03T00:00:00Z");
    private final Bounds bounds = Bounds.DEFAULT;

    @Test
    void businessTimesLieBetweenTheEarliestAndAFewMinutesAhead() {
        assertThat(bounds.businessTime("at", Instant.parse("2000-01-01T00:00:00Z"), NOW)).isEmpty();
        assertThat(bounds.businessTime("at", NOW.plus(Duration.ofMinutes(5)), NOW)).isEmpty();
        assertThat(bounds.businessTime("at", Instant.parse("1999-12-31T23:59:59Z"), NOW).orElseThrow().rule())
                .isEqualTo("at.too-early");
        assertThat(bounds.businessTime("at", Instant.MIN, NOW).orElseThrow().rule()).isEqualTo("at.too-early");
        assertThat(bounds.businessTime("at", NOW.plusSeconds(301), NOW).orElseThrow().rule()).isEqualTo("at.in-future");
        assertThat(bounds.businessTime("at", Instant.MAX, NOW).orElseThrow().field()).isEqualTo("at");
    }

    @Test
    void daysAreConfigurableWithin1To365() {
        assertThat(bounds.days("days", 365)).isEmpty();
        assertThat(bounds.days("days", 0).orElseThrow().rule()).isEqualTo("days.range");
        assertThat(bounds.days("days", 10_000_000)).isPresent();
        Bounds strict = new Bounds(Bounds.DEFAULT_EARLIEST, Duration.ofMinutes(5), 30);
        assertThat(strict.days("days", 31)).isPresent();
    }

    @Test
    void textsHaveALengthAndNoControlCharacters() {
        assertThat(Bounds.freeText("reason", "需专家论证\n第二行\t", Bounds.TEXT_LENGTH)).isEmpty();
        assertThat(Bounds.text("procedure", "专家\n评审", Bounds.NAME_LENGTH).orElseThrow().rule()).isEqualTo("text.control-character");
        assertThat(Bounds.freeText("reason", "a\u0000b", Bounds.TEXT_LENGTH)).isPresent();
        assertThat(Bounds.text("name", "\uD83D\uDE00".repeat(200), Bounds.NAME_LENGTH)).as("code points").isEmpty();
        assertThat(Bounds.text("reason", "x".repeat(2001), Bounds.TEXT_LENGTH).orElseThrow().rule()).isEqualTo("text.too-long");
        assertThat(Bounds.text("itemCode", "XJ\u0000", Bounds.CODE_LENGTH).orElseThrow().rule())
                .isEqualTo("text.control-character");
        assertThat(Bounds.text("itemCode", "a\nb", Bounds.CODE_LENGTH)).isPresent();
        assertThat(Bounds.text("reason", "\uD800", Bounds.TEXT_LENGTH).orElseThrow().rule()).isEqualTo("text.encoding");
        assertThat(Bounds.text("reason", "\uD83D\uDE00", Bounds.TEXT_LENGTH)).isEmpty();
    }

    @Test
    void listsHaveASizeAndNamedEntries() {
        assertThat(Bounds.list("items", Collections.nCopies(50, "户口簿"))).isEmpty();
        assertThat(Bounds.list("items", Collections.nCopies(51, "户口簿")).orElseThrow().rule()).isEqualTo("list.too-long");
        assertThat(Bounds.list("items", List.of("a", "b".repeat(201))).orElseThrow().field()).isEqualTo("items[1]");
    }

    @Test
    void storedEventsAreCheckedAgainstTheirRecordingTime() {
        Instant recorded = Instant.parse("2026-01-05T00:00:00Z");
        CaseSuspended ok = new CaseSuspended("C-1", recorded.minusSeconds(60), "专家评审", "需专家论证");
        assertThat(bounds.check(ok, recorded)).isEmpty();
        CaseSuspended huge = new CaseSuspended("C-1", Instant.parse("1970-01-01T00:00:00Z"), "专家评审", "x".repeat(1 << 20));
        assertThat(bounds.check(huge, recorded)).extracting(Bounds.Violation::rule)
                .containsExactly("at.too-early", "text.too-long");
        CaseExtended far = new CaseExtended("C-1", recorded, 10_000_000, "r", Instant.parse("+30000-01-01T00:00:00Z"), true);
        assertThat(bounds.check(far, recorded)).extracting(Bounds.Violation::field).containsExactly("days", "dueAt");
    }

    @Test
    void theLargestEventWithinTheBoundsFitsTheWireLimit() {
        String name = "材".repeat(Bounds.NAME_LENGTH);
        CaseCorrected largest = new CaseCorrected("C".repeat(Bounds.CODE_LENGTH), NOW, Collections.nCopies(Bounds.LIST_SIZE, name));
        assertThat(bounds.check(largest, NOW)).isEmpty();
        byte[] wire = EventJson.writeBytes(EventEnvelope.of(java.util.UUID.randomUUID(), 1, NOW, largest));
        assertThat(wire.length).isLessThan(Bounds.MAX_EVENT_BYTES);
    }
}
