package com.xiaoneng.demo.simulator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where applicants live: the Xinjiang prefectures weighted by population, a few counties of each,
 * and accepting regions in other provinces for 跨省通办.
 */
final class Population {

    /**
     * Resident population in millions, approximately the 2020 (seventh) census figures per prefecture as
     * published in the regional census bulletin, rounded; 659000 sums the county-level cities under the region.
     */
    static final Map<String, Double> PREFECTURE_MILLIONS = orderedMap(
            "650100", 4.05, "650200", 0.49, "650400", 0.69, "650500", 0.67, "652300", 1.61,
            "652700", 0.49, "652800", 1.61, "652900", 2.71, "653000", 0.62, "653100", 4.49,
            "653200", 2.50, "654000", 2.85, "654200", 1.14, "654300", 0.67, "659000", 1.20);

    /** Counties (GB/T 2260) under each prefecture; applicants apply at these halls or at the prefecture's own. */
    static final Map<String, List<String>> COUNTIES = Map.ofEntries(
            Map.entry("650100", List.of("650102", "650103", "650104", "650105", "650106", "650107", "650109", "650121")),
            Map.entry("650200", List.of("650202", "650203", "650204", "650205")),
            Map.entry("650400", List.of("650402", "650421", "650422")),
            Map.entry("650500", List.of("650502", "650521", "650522")),
            Map.entry("652300", List.of("652301", "652302", "652323", "652324", "652325", "652327", "652328")),
            Map.entry("652700", List.of("652701", "652702", "652722", "652723")),
            Map.entry("652800", List.of("652801", "652822", "652823", "652824", "652826", "652827", "652828")),
            Map.entry("652900", List.of("652901", "652902", "652922", "652924", "652925", "652926", "652928")),
            Map.entry("653000", List.of("653001", "653022", "653023", "653024")),
            Map.entry("653100", List.of("653101", "653121", "653122", "653123", "653124", "653125", "653126", "653129", "653130")),
            Map.entry("653200", List.of("653201", "653221", "653222", "653223", "653224", "653226")),
            Map.entry("654000", List.of("654002", "654003", "654004", "654021", "654022", "654023", "654025", "654026")),
            Map.entry("654200", List.of("654201", "654202", "654203", "654221", "654224")),
            Map.entry("654300", List.of("654301", "654321", "654322", "654323", "654324")),
            Map.entry("659000", List.of("659001", "659002", "659003", "659004", "659005", "659006")));

    /** County-level city that stands for 659000, which has no government body of its own. */
    static final String DIRECT_COUNTIES_SEAT = "659001";

    /** Halls elsewhere in China that accept Xinjiang items under 跨省通办 (Beijing, Shanghai, Shenzhen, ...). */
    static final List<String> OTHER_PROVINCE_REGIONS = List.of(
            "110105", "310115", "440305", "330106", "510107", "610113", "620102", "410105");

    private Population() {
    }

    static double totalMillions() {
        return PREFECTURE_MILLIONS.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    private static Map<String, Double> orderedMap(Object... pairs) {
        Map<String, Double> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], (Double) pairs[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(map);
    }
}
