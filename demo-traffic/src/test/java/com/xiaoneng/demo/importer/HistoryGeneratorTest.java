package com.xiaoneng.demo.importer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.xiaoneng.calendar.WorkingDayCalendar;
import com.xiaoneng.demo.simulator.CatalogItem;
import com.xiaoneng.demo.simulator.Planner;
import com.xiaoneng.demo.simulator.Profile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Generated history files: the same bytes for the same seed, and every line a legal next step of its case. */
class HistoryGeneratorTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Path SAMPLE = Path.of("..").resolve(CatalogFile.SAMPLE);
    static final LocalDate FROM = LocalDate.of(2025, 1, 1);
    static final LocalDate TO = LocalDate.of(2025, 12, 31);
    static final int CASES = 8_000;

    static List<CatalogItem> catalog;
    static String year;

    @BeforeAll
    static void generate() throws IOException {
        catalog = CatalogFile.read(SAMPLE);
        year = generate(7, CASES, HistoryGenerator.endOf(TO));
    }

    static String generate(long seed, long cases, Instant until) throws IOException {
        Planner planner = new Planner(catalog, Profile.DEFAULT, WorkingDayCalendar.shipped());
        StringWriter out = new StringWriter();
        HistoryGenerator.Summary summary = new HistoryGenerator(planner, seed, FROM, TO, cases, until).write(out);
        assertThat(summary.cases()).isEqualTo(cases);
        assertThat(out.toString().lines().count()).isEqualTo(summary.lines());
        return out.toString();
    }

    @Test
    void sameSeedSameBytesOtherSeedOtherCases() throws IOException {
        assertThat(generate(7, CASES, HistoryGenerator.endOf(TO))).isEqualTo(year);
        assertThat(generate(8, CASES, HistoryGenerator.endOf(TO))).isNotEqualTo(year);
    }

    /** The states a case passes through as the command side sees them, and which command may come in each. */
    @Test
    void everyLineParsesAndEveryCaseIsInALegalOrder() throws IOException {
        Set<String> items = catalog.stream().map(CatalogItem::code).collect(Collectors.toSet());
        Map<String, String> state = new HashMap<>();
        Map<String, Boolean> deficiency = new HashMap<>();
        Map<String, Integer> score = new HashMap<>();
        Instant previous = Instant.MIN;
        Instant until = HistoryGenerator.endOf(TO);
        int lineNumber = 0;
        for (String line : year.lines().toList()) {
            lineNumber++;
            JsonNode json = JSON.readTree(line);
            String command = json.path("command").asText();
            String caseId = json.path("caseId").asText();
            String where = "line " + lineNumber + " " + line;
            assertThat(caseId).as(where).startsWith("S7-2025");
            Instant at = OffsetDateTime.parse(json.path(command.equals("submit") ? "submittedAt" : "at").asText()).toInstant();
            assertThat(at).as("business-time order, " + where).isAfterOrEqualTo(previous).isBeforeOrEqualTo(until);
            previous = at;
            String current = state.get(caseId);
            String next = switch (command) {
                case "submit" -> {
                    assertThat(current).as(where).isNull();
                    assertThat(items).as(where).contains(json.path("itemCode").asText());
                    assertThat(json.path("applicant").path("id").asText()).as(where).isNotBlank();
                    yield "SUBMITTED";
                }
                case "accept" -> {
                    assertThat(current).as(where).isEqualTo("SUBMITTED");
                    deficiency.put(caseId, json.has("deficiency"));
                    yield "ACCEPTED";
                }
                case "not-accept" -> {
                    assertThat(current).as(where).isEqualTo("SUBMITTED");
                    assertThat(json.path("reason").asText()).as(where).isNotBlank();
                    yield "NOT_ACCEPTED";
                }
                case "correct" -> {
                    assertThat(current).as(where).isEqualTo("ACCEPTED");
                    assertThat(deficiency.put(caseId, false)).as("a deficiency to correct, " + where).isTrue();
                    yield current;
                }
                case "suspend" -> {
                    assertThat(current).as(where).isEqualTo("ACCEPTED");
                    yield "SUSPENDED";
                }
                case "resume" -> {
                    assertThat(current).as(where).isEqualTo("SUSPENDED");
                    yield "ACCEPTED";
                }
                case "extend" -> {
                    assertThat(current).as(where).isEqualTo("ACCEPTED");
                    assertThat(json.path("days").asInt()).as(where).isPositive();
                    yield current;
                }
                case "complete" -> {
                    assertThat(current).as(where).isEqualTo("ACCEPTED");
                    assertThat(deficiency.get(caseId)).as("no open deficiency, " + where).isFalse();
                    yield "COMPLETED";
                }
                case "rate" -> {
                    assertThat(current).as(where).isIn("COMPLETED", "NOT_ACCEPTED");
                    assertThat(score.put(caseId, json.path("score").asInt())).as("rated once, " + where).isNull();
                    assertThat(score.get(caseId)).as(where).isBetween(1, 5);
                    yield current;
                }
                case "rectify-rating" -> {
                    assertThat(score.get(caseId)).as("a bad rating to rectify, " + where).isNotNull().isLessThanOrEqualTo(2);
                    score.put(caseId, 99);
                    yield current;
                }
                default -> throw new AssertionError("unknown command, " + where);
            };
            state.put(caseId, next);
        }
        assertThat(state).hasSize(CASES);
        Map<String, Long> finalStates = state.values().stream().collect(Collectors.groupingBy(s -> s, Collectors.counting()));
        // a year of history: almost every case is finished, some refused, a few still open at the export
        assertThat(finalStates.get("COMPLETED")).isGreaterThan(CASES * 85L / 100);
        assertThat(finalStates.get("NOT_ACCEPTED")).isPositive();
        assertThat(score.values()).contains(1, 2, 3, 4, 5, 99);
    }

    @Test
    void nothingAfterTheCutOff() throws IOException {
        Instant until = OffsetDateTime.parse("2025-06-30T18:00:00+08:00").toInstant();
        String half = generate(7, CASES, until);
        Set<String> cases = new HashSet<>();
        for (String line : half.lines().toList()) {
            JsonNode json = JSON.readTree(line);
            String time = json.path(json.path("command").asText().equals("submit") ? "submittedAt" : "at").asText();
            assertThat(OffsetDateTime.parse(time).toInstant()).isBeforeOrEqualTo(until);
            cases.add(json.path("caseId").asText());
        }
        // the same cases as the full year up to the cut-off: each line of the half is a line of the year
        assertThat(year.lines().collect(Collectors.toSet())).containsAll(half.lines().toList());
        assertThat(cases.size()).isBetween(CASES / 3, CASES * 2 / 3);
    }
}
