package com.xiaoneng.demo.simulator;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CatalogAndCliTest {

    @Test
    void everyPrefectureGetsTheCommonItemsOnce() {
        List<CatalogItem> sample = SampleCatalog.items();
        List<CatalogItem> clones = CatalogItem.missingClones(sample);
        long template = sample.stream().filter(i -> i.regionCode().equals("650100")).count();
        assertThat(clones).hasSize((int) template * 14);
        Set<String> codes = sample.stream().map(CatalogItem::code).collect(Collectors.toSet());
        assertThat(clones).allSatisfy(clone -> assertThat(codes).doesNotContain(clone.code()));
        assertThat(clones.stream().map(CatalogItem::code).distinct().count()).isEqualTo(clones.size());
        assertThat(clones).filteredOn(c -> c.code().equals("XJ-653100-GA-0502")).singleElement().satisfies(c -> {
            assertThat(c.name()).isEqualTo("居民身份证换领");
            assertThat(c.agencyName()).isEqualTo("喀什地区公安局");
            assertThat(c.agencyCode()).isEqualTo("653100-GA");
        });
        assertThat(clones).filteredOn(c -> c.code().equals("XJ-659001-SW-0501")).singleElement()
                .satisfies(c -> assertThat(c.agencyName()).isEqualTo("国家税务总局石河子市税务局"));
        // a second run adds nothing
        List<CatalogItem> extended = new java.util.ArrayList<>(sample);
        extended.addAll(clones);
        assertThat(CatalogItem.missingClones(extended)).isEmpty();
    }

    @Test
    void parsesBackfillAndLiveOptions() {
        Config defaults = Config.fromEnvironment();
        Config backfill = CaseSimulator.parse(new String[] {"backfill", "--from", "2025-01-01", "--to", "2025-12-31",
                "--cases-per-day", "300", "--seed", "42", "--clients", "4", "--url", "http://h:9", "--no-extend-catalog"}, defaults);
        assertThat(backfill.from()).isEqualTo(LocalDate.of(2025, 1, 1));
        assertThat(backfill.to()).isEqualTo(LocalDate.of(2025, 12, 31));
        assertThat(backfill.casesPerDay()).isEqualTo(300);
        assertThat(backfill.seed()).isEqualTo(42);
        assertThat(backfill.clients()).isEqualTo(4);
        assertThat(backfill.commandUrl()).isEqualTo(URI.create("http://h:9"));
        assertThat(backfill.extendCatalog()).isFalse();

        Config live = CaseSimulator.parse(new String[] {"live", "--rate", "20", "--speedup", "60", "--duration", "10m", "--quiet"}, defaults);
        assertThat(live.rate()).isEqualTo(20);
        assertThat(live.speedup()).isEqualTo(60);
        assertThat(live.duration()).isEqualTo(Duration.ofMinutes(10));
        assertThat(live.out()).isNull();
        assertThat(live.user()).isEqualTo(defaults.user());
    }

    @Test
    void refusesBadArguments() {
        Config defaults = Config.fromEnvironment();
        assertThatThrownBy(() -> CaseSimulator.parse(new String[] {"backfill", "--from", "2025-01-01"}, defaults))
                .hasMessageContaining("--from and --to");
        assertThatThrownBy(() -> CaseSimulator.parse(new String[] {"backfill", "--from", "2025-02-01", "--to", "2025-01-01"}, defaults))
                .hasMessageContaining("before");
        assertThatThrownBy(() -> CaseSimulator.parse(new String[] {"live", "--rate", "0"}, defaults)).hasMessageContaining("> 0");
        assertThatThrownBy(() -> CaseSimulator.parse(new String[] {"live", "--rate", "x"}, defaults)).hasMessageContaining("bad value");
        assertThatThrownBy(() -> CaseSimulator.parse(new String[] {"live", "--frobnicate", "1"}, defaults)).hasMessageContaining("unknown option");
        assertThatThrownBy(() -> CaseSimulator.parse(new String[] {"replay"}, defaults)).hasMessageContaining("backfill or live");
    }
}
