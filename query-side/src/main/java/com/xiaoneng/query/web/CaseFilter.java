package com.xiaoneng.query.web;

import com.xiaoneng.events.Bounds;
import com.xiaoneng.events.Channel;
import com.xiaoneng.query.security.CurrentUser;
import com.xiaoneng.query.security.RegionScope;
import com.xiaoneng.regions.Regions;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Validated filters of one query: the period (local days, inclusive; null = open-ended), the region
 * actually read (inside the caller's scope) and the optional dimensions. {@link #where} renders them
 * as SQL over the handling-region and dimension columns that case_facts and the counters share.
 */
public record CaseFilter(LocalDate from, LocalDate to, String scope, String region, String agency, String itemCode,
                         String channel) {
    static final int MAX_SPAN_YEARS = 5;
    /** Days and instants a query may name: the contract's range of business times (docs/events.md, "Bounds"). */
    public static final LocalDate FIRST_DAY = LocalDate.ofInstant(Bounds.DEFAULT_EARLIEST, ZoneOffset.UTC);
    public static final LocalDate LAST_DAY = LocalDate.ofInstant(Bounds.LATEST, ZoneOffset.UTC);

    /** Validates {@code params}; a missing period end is filled from {@code defaults} (either may be null). */
    public static CaseFilter of(FilterParams params, CurrentUser user, LocalDate defaultFrom, LocalDate defaultTo) {
        checkDay("from", params.from());
        checkDay("to", params.to());
        LocalDate from = params.from() != null ? params.from() : defaultFrom;
        LocalDate to = params.to() != null ? params.to() : defaultTo;
        if (from != null && to != null) {
            if (from.isAfter(to)) {
                throw new BadRequestException("from", "from_not_after_to", "from " + from + " is after to " + to);
            }
            if (to.isAfter(from.plusYears(MAX_SPAN_YEARS))) {
                throw new BadRequestException("to", "max_span_5_years",
                        "the period " + from + ".." + to + " spans more than " + MAX_SPAN_YEARS + " years");
            }
        }
        String region = params.region();
        if (region != null && !Regions.isValidCode(region)) {
            throw new BadRequestException("region", "region_code",
                    "region must be a 6-digit GB/T 2260 code, was '" + region + "'");
        }
        checkCode("agency", params.agency());
        checkCode("itemCode", params.itemCode());
        String channel = params.channel();
        if (channel != null && Arrays.stream(Channel.values()).noneMatch(c -> c.name().equals(channel))) {
            throw new BadRequestException("channel", "one_of",
                    "channel must be one of " + Arrays.toString(Channel.values()) + ", was '" + channel + "'");
        }
        return new CaseFilter(from, to, user.region(), RegionScope.effectiveRegion(user, region),
                params.agency(), params.itemCode(), channel);
    }

    private static void checkCode(String field, String value) {
        if (value != null && (value.isBlank() || Bounds.text(field, value, Bounds.CODE_LENGTH).isPresent())) {
            throw new BadRequestException(field, "length_1_64",
                    field + " must have 1 to 64 characters and no control characters");
        }
    }

    public static void checkDay(String field, LocalDate day) {
        if (day != null && (day.isBefore(FIRST_DAY) || day.isAfter(LAST_DAY))) {
            throw new BadRequestException(field, "day_range", field + " must lie within " + FIRST_DAY + ".." + LAST_DAY);
        }
    }

    public static Instant checkInstant(String field, Instant at) {
        if (at != null && (at.isBefore(Bounds.DEFAULT_EARLIEST) || at.isAfter(Bounds.LATEST))) {
            throw new BadRequestException(field, "instant_range",
                    field + " must lie within " + Bounds.DEFAULT_EARLIEST + ".." + Bounds.LATEST);
        }
        return at;
    }

    /**
     * The conditions on region and dimensions, parameters added to {@code params}. The caller's own scope
     * is repeated next to the region asked for, so no query can leave it even if validation changed.
     */
    public String where(Map<String, Object> params) {
        List<String> conditions = new ArrayList<>();
        conditions.add(RegionScope.subtree("handling_", scope, "scope", params));
        conditions.add(RegionScope.subtree("handling_", region, "region", params));
        if (agency != null) {
            conditions.add("agency_code = :agency");
            params.put("agency", agency);
        }
        if (itemCode != null) {
            conditions.add("item_code = :itemCode");
            params.put("itemCode", itemCode);
        }
        if (channel != null) {
            conditions.add("channel = :channel");
            params.put("channel", channel);
        }
        return String.join(" AND ", conditions);
    }

    /** {@code day BETWEEN :from AND :to} for a local-day expression, or TRUE when open-ended. */
    public String period(String dayExpression, Map<String, Object> params) {
        List<String> conditions = new ArrayList<>();
        if (from != null) {
            conditions.add(dayExpression + " >= :from");
            params.put("from", from);
        }
        if (to != null) {
            conditions.add(dayExpression + " <= :to");
            params.put("to", to);
        }
        return conditions.isEmpty() ? "1" : String.join(" AND ", conditions);
    }
}
