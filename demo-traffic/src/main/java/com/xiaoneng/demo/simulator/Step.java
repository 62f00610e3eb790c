package com.xiaoneng.demo.simulator;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One planned command of a case.
 *
 * @param index       position in the case's plan (0 = submit); part of the Idempotency-Key
 * @param kind        which endpoint
 * @param at          planned business time
 * @param fields      the body without its time field, which is added when sent
 * @param expectedDue for steps that answer a due date (accept, resume, extend): the one the plan assumed
 */
public record Step(int index, Kind kind, Instant at, Map<String, Object> fields, Instant expectedDue) {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX").withZone(Planner.ZONE);

    public enum Kind {
        SUBMIT(""), ACCEPT("/accept"), NOT_ACCEPT("/not-accept"), CORRECT("/correct"), SUSPEND("/suspend"),
        RESUME("/resume"), EXTEND("/extend"), COMPLETE("/complete"), RATE("/rate"), RECTIFY("/rectify-rating");

        private final String suffix;

        Kind(String suffix) {
            this.suffix = suffix;
        }

        /** The command's name in an import line (POST /api/import): the endpoint's last path segment. */
        public String command() {
            return this == SUBMIT ? "submit" : suffix.substring(1);
        }

        String path(String caseId) {
            return this == SUBMIT ? "/api/cases" : "/api/cases/" + caseId + suffix;
        }

        String timeField() {
            return this == SUBMIT ? "submittedAt" : "at";
        }
    }

    /** The JSON body with the business time {@code at}, as an ISO time in Beijing time. */
    public Map<String, Object> body(Instant at) {
        Map<String, Object> body = new LinkedHashMap<>(fields);
        body.put(kind.timeField(), TIME.format(at));
        return body;
    }

    /** The planned business time and body, for logs and tests. */
    @Override
    public String toString() {
        return index + " " + kind + " " + body(at);
    }
}
