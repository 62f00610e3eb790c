package com.xiaoneng.regions;

import com.xiaoneng.events.CrossRegionMode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RegionsTest {
    @Test
    void validatesCodes() {
        assertThat(Regions.isValidCode("650102")).isTrue();
        assertThat(Regions.isValidCode("650000")).isTrue();
        assertThat(Regions.isValidCode("110105")).isTrue();
        assertThat(Regions.isValidCode("65010")).isFalse();
        assertThat(Regions.isValidCode("990101")).isFalse();
        assertThat(Regions.isValidCode("650001")).isFalse();
        assertThat(Regions.isValidCode("65a102")).isFalse();
        assertThat(Regions.isValidCode(null)).isFalse();
    }

    @Test
    void rollsUpIncludingHistoricalPrefectures() {
        assertThat(Regions.prefectureOf("653101")).isEqualTo("653100");
        assertThat(Regions.provinceOf("653101")).isEqualTo("650000");
        assertThat(Regions.prefectureOf("652101")).isEqualTo("650400");
        assertThat(Regions.prefectureOf("652201")).isEqualTo("650500");
        assertThat(Regions.prefectureOf("659001")).isEqualTo("659000");
    }

    @Test
    void scopeContainment() {
        assertThat(Regions.contains("650000", "653101")).isTrue();
        assertThat(Regions.contains("653100", "653101")).isTrue();
        assertThat(Regions.contains("653100", "650102")).isFalse();
        assertThat(Regions.contains("650400", "652101")).isTrue();
        assertThat(Regions.contains("650102", "650102")).isTrue();
        assertThat(Regions.contains("650000", "110105")).isFalse();
    }

    @Test
    void derivesCrossRegionMode() {
        assertThat(Regions.crossRegionMode("650102", "650104")).isEqualTo(CrossRegionMode.LOCAL);
        assertThat(Regions.crossRegionMode("650102", "653101")).isEqualTo(CrossRegionMode.WITHIN_REGION);
        assertThat(Regions.crossRegionMode("110105", "653101")).isEqualTo(CrossRegionMode.CROSS_PROVINCE);
        assertThat(Regions.nameOf("653121")).isEqualTo("喀什地区");
    }
}
