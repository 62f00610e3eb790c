package com.xiaoneng.command.catalog;

import com.xiaoneng.events.Bounds;
import com.xiaoneng.regions.Regions;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** The rules every guide must satisfy, whether it comes from a PUT or from a CSV row. */
final class GuideRules {
    static final int MAX_CODE = 36;
    static final int MAX_NAME = 200;
    static final int MAX_LEGAL_BASIS = 1000;
    static final int MAX_AGENCY_CODE = 64;
    static final int MAX_AGENCY_NAME = 100;
    /** A year of working days; anything longer is a typo, not a statute. */
    static final int MAX_LIMIT_DAYS = Bounds.MAX_DAYS_LIMIT;
    /** What NUMERIC(12, 2) holds. */
    static final BigDecimal MAX_FEE = new BigDecimal("9999999999.99");

    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9-]{1," + MAX_CODE + "}");

    private GuideRules() {
    }

    static Optional<Violation> checkCode(String code) {
        if (code == null || code.isBlank()) {
            return Optional.of(new Violation("code", "catalog.required", "code is required"));
        }
        if (!CODE.matcher(code).matches()) {
            return Optional.of(new Violation("code", "catalog.code-format",
                    "code must be 1-" + MAX_CODE + " characters of A-Z, a-z, 0-9 and '-'"));
        }
        return Optional.empty();
    }

    /** All violations of {@code input}, leaving out fields in {@code alreadyReported} (e.g. unparsable CSV cells). */
    static List<Violation> check(String code, GuideInput input, Set<String> alreadyReported) {
        List<Violation> found = new ArrayList<>();
        checkCode(code).ifPresent(found::add);
        text(found, "name", input.name(), MAX_NAME, false);
        required(found, "type", input.type());
        text(found, "legalBasis", input.legalBasis(), MAX_LEGAL_BASIS, true);
        text(found, "agencyCode", input.agencyCode(), MAX_AGENCY_CODE, false);
        text(found, "agencyName", input.agencyName(), MAX_AGENCY_NAME, false);
        if (required(found, "regionCode", input.regionCode()) && !Regions.isValidCode(input.regionCode())) {
            found.add(new Violation("regionCode", "catalog.region-code-invalid",
                    "regionCode must be a 6-digit GB/T 2260 code, not " + input.regionCode()));
        }
        boolean statutory = limit(found, "statutoryLimitDays", input.statutoryLimitDays());
        boolean promised = limit(found, "promisedLimitDays", input.promisedLimitDays());
        if (statutory && promised && input.promisedLimitDays() > input.statutoryLimitDays()) {
            found.add(new Violation("promisedLimitDays", "catalog.promised-exceeds-statutory",
                    "promisedLimitDays (" + input.promisedLimitDays() + ") must not exceed statutoryLimitDays ("
                            + input.statutoryLimitDays() + ")"));
        }
        required(found, "crossRegionScope", input.crossRegionScope());
        fee(found, input.feeYuan());
        found.removeIf(violation -> alreadyReported.contains(violation.field()));
        return found;
    }

    /** The checked terms, or the first violation as an exception. */
    static GuideTerms validated(String code, GuideInput input) {
        List<Violation> violations = check(code, input, Set.of());
        if (!violations.isEmpty()) {
            throw new CatalogValidationException(violations.get(0));
        }
        return terms(input);
    }

    /** Only for input that {@link #check} passed. */
    static GuideTerms terms(GuideInput input) {
        return new GuideTerms(input.name(), input.type(), input.legalBasis(), input.agencyCode(), input.agencyName(),
                input.regionCode(), input.statutoryLimitDays(), input.promisedLimitDays(), input.crossRegionScope(),
                input.feeYuan().setScale(2, RoundingMode.UNNECESSARY));
    }

    private static boolean required(List<Violation> found, String field, Object value) {
        if (value == null || value instanceof String text && text.isEmpty()) {
            found.add(new Violation(field, "catalog.required", field + " is required"));
            return false;
        }
        return true;
    }

    /** {@code lines}: a free text that may run over lines (a legal basis); names and codes are one line. */
    private static void text(List<Violation> found, String field, String value, int maxLength, boolean lines) {
        if (required(found, field, value) && value.codePointCount(0, value.length()) > maxLength) {
            found.add(new Violation(field, "catalog.too-long", field + " must be at most " + maxLength + " characters"));
        } else if (value != null) {
            // names travel in every event of the item's cases: no control characters (a NUL breaks PostgreSQL)
            (lines ? Bounds.freeText(field, value, maxLength) : Bounds.text(field, value, maxLength))
                    .ifPresent(v -> found.add(new Violation(field, v.rule(), v.message())));
        }
    }

    private static boolean limit(List<Violation> found, String field, Integer days) {
        if (!required(found, field, days)) {
            return false;
        }
        if (days < 0) {
            found.add(new Violation(field, "catalog.limit-negative", field + " must not be negative"));
            return false;
        }
        if (days > MAX_LIMIT_DAYS) {
            found.add(new Violation(field, "catalog.limit-too-large", field + " must be at most " + MAX_LIMIT_DAYS));
            return false;
        }
        return true;
    }

    private static void fee(List<Violation> found, BigDecimal fee) {
        if (!required(found, "feeYuan", fee)) {
            return;
        }
        if (fee.signum() < 0) {
            found.add(new Violation("feeYuan", "catalog.fee-negative", "feeYuan must not be negative"));
        } else if (fee.stripTrailingZeros().scale() > 2) {
            found.add(new Violation("feeYuan", "catalog.fee-scale", "feeYuan must have at most 2 decimals (fen)"));
        } else if (fee.compareTo(MAX_FEE) > 0) {
            found.add(new Violation("feeYuan", "catalog.fee-too-large", "feeYuan must be at most " + MAX_FEE));
        }
    }
}
