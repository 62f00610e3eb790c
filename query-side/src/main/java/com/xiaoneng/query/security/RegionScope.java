package com.xiaoneng.query.security;

import com.xiaoneng.regions.Regions;

import java.util.Map;

/**
 * SQL conditions for "in the subtree of region X" on tables that store a region as three columns
 * ({@code <prefix>region}, {@code <prefix>prefecture}, {@code <prefix>province}, the last two rolled
 * up with {@link Regions}). The code is always a bound parameter; only the column is chosen here.
 */
public final class RegionScope {
    private RegionScope() {
    }

    /** The region a query reads: the requested one if it lies in the caller's scope, else 403; none = the scope. */
    public static String effectiveRegion(CurrentUser user, String requested) {
        if (requested == null) {
            return user.region();
        }
        if (!Regions.contains(user.region(), requested)) {
            throw new RegionOutsideScopeException(requested, user.region());
        }
        return requested;
    }

    /** Adds {@code param} to {@code params} and returns the condition, e.g. {@code handling_prefecture = :scope}. */
    public static String subtree(String columnPrefix, String code, String param, Map<String, Object> params) {
        if (Regions.isProvince(code)) {
            params.put(param, code);
            return columnPrefix + "province = :" + param;
        }
        if (Regions.isPrefecture(code)) {
            params.put(param, Regions.prefectureOf(code));
            return columnPrefix + "prefecture = :" + param;
        }
        params.put(param, code);
        return columnPrefix + "region = :" + param;
    }
}
