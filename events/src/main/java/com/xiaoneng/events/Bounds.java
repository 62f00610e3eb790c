package com.xiaoneng.events;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The limits of the contract (docs/events.md, "Bounds"): every door checks a command against them
 * before anything is stored, and the streaming job checks every event against them again, so that
 * one value no consumer can hold (a year −999999999, a 1 MiB reason, a due date past ClickHouse's
 * DateTime) is refused or set aside instead of stopping the pipeline.
 *
 * @param earliest        the earliest business time a client may report
 * @param futureTolerance how far past the receiver's clock a business time may lie
 * @param maxDays         the most working days one step may add (extension, correction period)
 */
public record Bounds(Instant earliest, Duration futureTolerance, int maxDays) {
    public static final Instant DEFAULT_EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    /** No instant of an event lies after this: ClickHouse DateTime ends 2106-02-07, and due dates derive from times. */
    public static final Instant LATEST = Instant.parse("2105-12-31T16:00:00Z");
    /** Codes and identifiers: caseId, itemCode, agencyCode, applicant id, referTo. */
    public static final int CODE_LENGTH = 64;
    /** Names: itemName, agencyName, procedure, each material of a list. */
    public static final int NAME_LENGTH = 200;
    /** Free text: reason, comment, measures. */
    public static final int TEXT_LENGTH = 2000;
    /** Entries of a list (deficiency.missing, items). */
    public static final int LIST_SIZE = 50;
    /** The most working days of any limit or step (catalog limits, extension, correction period). */
    public static final int MAX_DAYS_LIMIT = 365;
    /**
     * The largest envelope an event within these bounds can make on the wire (UTF-8 JSON; a character
     * takes at most 3 bytes, control characters are refused): the biggest is a list of 50 names of 200
     * characters, about 31 KB. Producers refuse anything larger instead of sending it.
     */
    public static final int MAX_EVENT_BYTES = 64 * 1024;

    /** The most a deployment may let business times run ahead of its clock. */
    public static final Duration MAX_FUTURE_TOLERANCE = Duration.ofDays(1);

    public static final Bounds DEFAULT = new Bounds(DEFAULT_EARLIEST, Duration.ofMinutes(5), MAX_DAYS_LIMIT);
    /**
     * The widest bounds any configuration of the doors may have: what consumers (the job) hold events
     * against, so that an event a door stored under its own settings (say an import of 1990s history
     * with an earlier {@code earliest}) is never set aside, while values no consumer can hold still are.
     */
    public static final Bounds WIDEST = new Bounds(Instant.EPOCH, MAX_FUTURE_TOLERANCE, MAX_DAYS_LIMIT);

    public Bounds {
        if (earliest == null || futureTolerance == null || futureTolerance.isNegative()
                || futureTolerance.compareTo(MAX_FUTURE_TOLERANCE) > 0) {
            throw new IllegalArgumentException("bounds need an earliest instant and a future tolerance within 0.."
                    + MAX_FUTURE_TOLERANCE + ", was " + futureTolerance);
        }
        if (earliest.isBefore(Instant.EPOCH) || !earliest.isBefore(LATEST)) {
            throw new IllegalArgumentException("earliest must lie within 1970..2105, was " + earliest);
        }
        if (maxDays < 1 || maxDays > MAX_DAYS_LIMIT) {
            throw new IllegalArgumentException("maxDays must be in 1.." + MAX_DAYS_LIMIT + ", was " + maxDays);
        }
    }

    /** What is wrong with one field: the field's path, the rule's name (as in 400 bodies) and why. */
    public record Violation(String field, String rule, String message) {
    }

    /** A business time reported by a client, against the receiver's clock {@code now}. */
    public Optional<Violation> businessTime(String field, Instant at, Instant now) {
        if (at == null) {
            return Optional.empty();
        }
        if (at.isBefore(earliest)) {
            return violation(field, "at.too-early", field + " " + at + " is before the earliest allowed time " + earliest);
        }
        if (at.isAfter(now.plus(futureTolerance))) {
            return violation(field, "at.in-future", field + " " + at + " is more than " + futureTolerance.toMinutes()
                    + " minutes in the future");
        }
        return Optional.empty();
    }

    /** A number of working days a client asks for (extension, correction period). */
    public Optional<Violation> days(String field, int days) {
        if (days < 1 || days > maxDays) {
            return violation(field, "days.range", field + " must be in 1.." + maxDays + ", was " + days);
        }
        return Optional.empty();
    }

    /** A one-line text (code, name) of at most {@code max} characters (code points), without control characters. */
    public static Optional<Violation> text(String field, String value, int max) {
        return text(field, value, max, false);
    }

    /** A free text (reason, comment, measures, legal basis): as {@link #text}, but line breaks and tabs are allowed. */
    public static Optional<Violation> freeText(String field, String value, int max) {
        return text(field, value, max, true);
    }

    private static Optional<Violation> text(String field, String value, int max, boolean multiline) {
        if (value == null) {
            return Optional.empty();
        }
        // length() first: a huge text is refused without walking it
        if (value.length() > 2L * max || value.codePointCount(0, value.length()) > max) {
            return violation(field, "text.too-long", field + " has " + value.codePointCount(0, value.length())
                    + " characters, at most " + max + " are allowed");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) && !(multiline && (c == '\n' || c == '\r' || c == '\t'))) {
                return violation(field, "text.control-character", field + " contains the control character U+"
                        + String.format("%04X", (int) c) + " at position " + i);
            }
            if (Character.isSurrogate(c) && !(Character.isHighSurrogate(c) && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(++i)))) {
                return violation(field, "text.encoding", field + " contains an unpaired surrogate");
            }
        }
        return Optional.empty();
    }

    /** A list of names: at most {@link #LIST_SIZE} entries of at most {@link #NAME_LENGTH} characters. */
    public static Optional<Violation> list(String field, List<String> values) {
        if (values == null) {
            return Optional.empty();
        }
        if (values.size() > LIST_SIZE) {
            return violation(field, "list.too-long", field + " has " + values.size() + " entries, at most " + LIST_SIZE
                    + " are allowed");
        }
        for (int i = 0; i < values.size(); i++) {
            Optional<Violation> entry = text(field + "[" + i + "]", values.get(i), NAME_LENGTH);
            if (entry.isPresent()) {
                return entry;
            }
        }
        return Optional.empty();
    }

    /**
     * Every violation of a stored event, as a consumer checks it. Business times are held against the
     * time the store recorded the event (not the consumer's clock, so a replay decides the same), and
     * every instant must lie within {@link #earliest()}..{@link #LATEST}.
     */
    public List<Violation> check(CaseEvent event, Instant recordedAt) {
        List<Violation> found = new ArrayList<>();
        businessTime("occurredAt", event.occurredAt(), recordedAt).ifPresent(found::add);
        Check check = new Check(found);
        check.text("caseId", event.caseId(), CODE_LENGTH);
        if (event instanceof CaseSubmitted e) {
            check.text("itemCode", e.itemCode(), CODE_LENGTH);
            check.text("itemName", e.itemName(), NAME_LENGTH);
            check.text("agencyCode", e.agencyCode(), CODE_LENGTH);
            check.text("agencyName", e.agencyName(), NAME_LENGTH);
            check.text("applicantId", e.applicantId(), CODE_LENGTH);
        } else if (event instanceof CaseAccepted e) {
            check.limit("statutoryLimitDays", e.statutoryLimitDays());
            check.limit("promisedLimitDays", e.promisedLimitDays());
            check.instant("dueAt", e.dueAt());
            if (e.deficiency() != null) {
                check.list("deficiency.missing", e.deficiency().missing());
                check.limit("deficiency.correctionDays", e.deficiency().correctionDays());
                check.instant("deficiency.correctionDueAt", e.deficiency().correctionDueAt());
            }
        } else if (event instanceof CaseNotAccepted e) {
            check.freeText("reason", e.reason());
            check.text("referTo", e.referTo(), NAME_LENGTH);
        } else if (event instanceof CaseCorrected e) {
            check.list("items", e.items());
        } else if (event instanceof AcceptanceRevoked e) {
            check.freeText("reason", e.reason());
        } else if (event instanceof CaseSuspended e) {
            check.text("procedure", e.procedure(), NAME_LENGTH);
            check.freeText("reason", e.reason());
        } else if (event instanceof CaseResumed e) {
            check.instant("dueAt", e.dueAt());
        } else if (event instanceof CaseExtended e) {
            check.limit("days", e.days());
            check.freeText("reason", e.reason());
            check.instant("dueAt", e.dueAt());
        } else if (event instanceof CaseCompleted e) {
            check.freeText("reason", e.reason());
            check.instant("dueAt", e.dueAt());
        } else if (event instanceof CaseRated e) {
            check.freeText("comment", e.comment());
            check.instant("rectificationDueAt", e.rectificationDueAt());
        } else if (event instanceof BadRatingRectified e) {
            check.freeText("measures", e.measures());
        } else if (event instanceof DefaultRatingSuperseded e) {
            check.instant("supersededRatedAt", e.supersededRatedAt());
        } else if (event instanceof AcceptanceReinstated e) {
            check.instant("revokedAt", e.revokedAt());
            check.instant("dueAt", e.dueAt());
        }
        return found;
    }

    private final class Check {
        private final List<Violation> found;

        Check(List<Violation> found) {
            this.found = found;
        }

        void text(String field, String value, int max) {
            Bounds.text(field, value, max).ifPresent(found::add);
        }

        void freeText(String field, String value) {
            Bounds.freeText(field, value, TEXT_LENGTH).ifPresent(found::add);
        }

        void list(String field, List<String> values) {
            Bounds.list(field, values).ifPresent(found::add);
        }

        void limit(String field, int days) {
            if (days < 0 || days > MAX_DAYS_LIMIT) {
                found.add(new Violation(field, "days.range", field + " must be in 0.." + MAX_DAYS_LIMIT + ", was " + days));
            }
        }

        void instant(String field, Instant at) {
            if (at != null && (at.isBefore(earliest) || at.isAfter(LATEST))) {
                found.add(new Violation(field, "instant.range", field + " " + at + " lies outside " + earliest + ".." + LATEST));
            }
        }
    }

    private static Optional<Violation> violation(String field, String rule, String message) {
        return Optional.of(new Violation(field, rule, message));
    }
}
