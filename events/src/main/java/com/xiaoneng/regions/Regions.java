package com.xiaoneng.regions;

import com.xiaoneng.events.CrossRegionMode;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * GB/T 2260 region codes: validation, roll-up to prefecture and province, and the Xinjiang
 * prefecture names. Historical codes 652100/652200 (吐鲁番地区, 哈密地区) roll up to their successors.
 */
public final class Regions {
    public static final String XINJIANG = "650000";

    private static final Pattern SIX_DIGITS = Pattern.compile("\\d{6}");

    /** Province-level prefixes of GB/T 2260 (mainland, Hong Kong, Macao, Taiwan). */
    private static final Set<String> PROVINCES = Set.of(
            "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
            "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65",
            "71", "81", "82");

    private static final Map<String, String> SUCCESSORS = Map.of("652100", "650400", "652200", "650500");

    private static final Map<String, String> PREFECTURES = new LinkedHashMap<>();

    static {
        PREFECTURES.put("650100", "乌鲁木齐市");
        PREFECTURES.put("650200", "克拉玛依市");
        PREFECTURES.put("650400", "吐鲁番市");
        PREFECTURES.put("650500", "哈密市");
        PREFECTURES.put("652300", "昌吉回族自治州");
        PREFECTURES.put("652700", "博尔塔拉蒙古自治州");
        PREFECTURES.put("652800", "巴音郭楞蒙古自治州");
        PREFECTURES.put("652900", "阿克苏地区");
        PREFECTURES.put("653000", "克孜勒苏柯尔克孜自治州");
        PREFECTURES.put("653100", "喀什地区");
        PREFECTURES.put("653200", "和田地区");
        PREFECTURES.put("654000", "伊犁哈萨克自治州");
        PREFECTURES.put("654200", "塔城地区");
        PREFECTURES.put("654300", "阿勒泰地区");
        PREFECTURES.put("659000", "自治区直辖县级行政区划");
    }

    private Regions() {
    }

    public static boolean isValidCode(String code) {
        if (code == null || !SIX_DIGITS.matcher(code).matches() || !PROVINCES.contains(code.substring(0, 2))) {
            return false;
        }
        // below province level the prefecture digits cannot be 00
        return code.endsWith("0000") || !code.startsWith("00", 2);
    }

    /** The prefecture-level code (first 4 digits + "00"); a province code stays itself. */
    public static String prefectureOf(String code) {
        String prefecture = code.endsWith("0000") ? code : code.substring(0, 4) + "00";
        return SUCCESSORS.getOrDefault(prefecture, prefecture);
    }

    public static String provinceOf(String code) {
        return code.substring(0, 2) + "0000";
    }

    public static boolean isProvince(String code) {
        return code.endsWith("0000");
    }

    public static boolean isPrefecture(String code) {
        return !isProvince(code) && code.endsWith("00");
    }

    /** Whether {@code code} lies in the subtree of {@code scope} (a province, prefecture or county code). */
    public static boolean contains(String scope, String code) {
        if (isProvince(scope)) {
            return provinceOf(code).equals(scope);
        }
        if (isPrefecture(scope)) {
            return prefectureOf(code).equals(prefectureOf(scope));
        }
        return scope.equals(code);
    }

    public static CrossRegionMode crossRegionMode(String acceptingRegion, String handlingRegion) {
        if (prefectureOf(acceptingRegion).equals(prefectureOf(handlingRegion))) {
            return CrossRegionMode.LOCAL;
        }
        if (provinceOf(acceptingRegion).equals(provinceOf(handlingRegion))) {
            return CrossRegionMode.WITHIN_REGION;
        }
        return CrossRegionMode.CROSS_PROVINCE;
    }

    /** Xinjiang prefecture names by code, in the order of domain.md. */
    public static Map<String, String> xinjiangPrefectures() {
        return java.util.Collections.unmodifiableMap(PREFECTURES);
    }

    public static String nameOf(String code) {
        if (XINJIANG.equals(code)) {
            return "新疆维吾尔自治区";
        }
        return PREFECTURES.getOrDefault(prefectureOf(code), code);
    }
}
