package com.xiaoneng.demo.simulator;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.xiaoneng.events.CrossRegionScope;
import com.xiaoneng.events.ItemType;
import com.xiaoneng.regions.Regions;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The fields of a catalog item (GET /api/catalog/items) the simulator uses; also the body of a PUT. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CatalogItem(String code, String name, ItemType type, String legalBasis, String agencyCode,
                          String agencyName, String regionCode, int statutoryLimitDays, int promisedLimitDays,
                          CrossRegionScope crossRegionScope, BigDecimal feeYuan) {

    /** Clones get numbers from here on, so they never collide with an item the catalog already has. */
    static final int CLONE_NUMBER_OFFSET = 500;

    String prefecture() {
        return Regions.prefectureOf(regionCode);
    }

    /**
     * Items to add so that every prefecture offers the common items: the items of the prefecture with the
     * most prefecture-level items (乌鲁木齐 in the sample) cloned, with the prefecture's name, for every other
     * prefecture. A clone's code keeps the department and number + {@value #CLONE_NUMBER_OFFSET}
     * (XJ-650100-GA-0002 → XJ-653100-GA-0502); items already present are left out.
     */
    static List<CatalogItem> missingClones(List<CatalogItem> catalog) {
        // earlier clones neither serve as templates nor count towards choosing one
        Map<String, List<CatalogItem>> byRegion = catalog.stream()
                .filter(item -> Population.PREFECTURE_MILLIONS.containsKey(item.regionCode()) && !item.isClone())
                .collect(Collectors.groupingBy(CatalogItem::regionCode, LinkedHashMap::new, Collectors.toList()));
        if (byRegion.isEmpty()) {
            return List.of();
        }
        String template = byRegion.entrySet().stream()
                .max(Comparator.<Map.Entry<String, List<CatalogItem>>>comparingInt(e -> e.getValue().size())
                        .thenComparing(Map.Entry::getKey, Comparator.reverseOrder()))
                .orElseThrow().getKey();
        String templateName = Regions.nameOf(template);
        Set<String> existing = catalog.stream().map(CatalogItem::code).collect(Collectors.toSet());
        List<CatalogItem> clones = new ArrayList<>();
        for (String prefecture : Population.PREFECTURE_MILLIONS.keySet()) {
            if (prefecture.equals(template)) {
                continue;
            }
            String region = prefecture.equals("659000") ? Population.DIRECT_COUNTIES_SEAT : prefecture;
            String regionName = region.equals(Population.DIRECT_COUNTIES_SEAT) ? "石河子市" : Regions.nameOf(region);
            Function<String, String> rename = text -> text.replace(templateName, regionName);
            for (CatalogItem item : byRegion.get(template)) {
                String[] parts = item.code().split("-");
                // only codes of the XJ-<region>-<department>-<number> form can be numbered for another region
                if (parts.length != 4 || !parts[3].matches("\\d{1,4}")) {
                    continue;
                }
                String code = "%s-%s-%s-%04d".formatted(parts[0], region, parts[2],
                        Integer.parseInt(parts[3]) + CLONE_NUMBER_OFFSET);
                if (existing.contains(code)) {
                    continue;
                }
                clones.add(new CatalogItem(code, item.name(), item.type(), item.legalBasis(),
                        region + "-" + parts[2], rename.apply(item.agencyName()), region, item.statutoryLimitDays(),
                        item.promisedLimitDays(), item.crossRegionScope(), item.feeYuan()));
            }
        }
        return clones;
    }

    private boolean isClone() {
        String[] parts = code.split("-");
        return parts.length == 4 && parts[3].matches("\\d{1,4}") && Integer.parseInt(parts[3]) >= CLONE_NUMBER_OFFSET;
    }

    /** The PUT body (GuideInput) for this item. */
    Map<String, Object> guideInput() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("type", type);
        body.put("legalBasis", legalBasis);
        body.put("agencyCode", agencyCode);
        body.put("agencyName", agencyName);
        body.put("regionCode", regionCode);
        body.put("statutoryLimitDays", statutoryLimitDays);
        body.put("promisedLimitDays", promisedLimitDays);
        body.put("crossRegionScope", crossRegionScope);
        body.put("feeYuan", feeYuan);
        return body;
    }
}
