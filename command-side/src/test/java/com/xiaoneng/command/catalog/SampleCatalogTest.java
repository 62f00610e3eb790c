package com.xiaoneng.command.catalog;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.xiaoneng.command.support.CommandSideTest;
import com.xiaoneng.events.ItemType;
import com.xiaoneng.regions.Regions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;
import org.springframework.test.web.servlet.MockMvc;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@CommandSideTest
class SampleCatalogTest {
    @Autowired
    MockMvc mvc;
    @Autowired
    ObjectMapper json;
    @Autowired
    ServiceCatalog catalog;

    @Test
    void theSampleFileIsValid() throws Exception {
        byte[] csv = new ClassPathResource(SampleCatalogSeeder.SAMPLE).getContentAsByteArray();

        CatalogCsv.Parsed parsed = CatalogCsv.parse(csv);

        assertThat(parsed.rejections()).isEmpty();
        assertThat(parsed.rows()).hasSizeGreaterThanOrEqualTo(30);
    }

    @Test
    void anEmptyCatalogIsSeededWithTheSampleAtStart() throws Exception {
        String body = mvc.perform(get("/api/catalog/items")).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        List<ServiceGuide> sample = json.readValue(body, new TypeReference<List<ServiceGuide>>() { }).stream()
                .filter(guide -> guide.code().startsWith("XJ-"))
                .toList();

        assertThat(sample).hasSizeGreaterThanOrEqualTo(30);
        assertThat(sample.stream().map(ServiceGuide::type).collect(Collectors.toCollection(() -> EnumSet.noneOf(ItemType.class))))
                .isEqualTo(EnumSet.allOf(ItemType.class));
        assertThat(sample.stream().map(ServiceGuide::agencyCode).collect(Collectors.toSet())).hasSizeGreaterThanOrEqualTo(3);
        Set<String> prefectures = sample.stream().map(guide -> Regions.prefectureOf(guide.regionCode())).collect(Collectors.toSet());
        assertThat(prefectures).hasSizeGreaterThanOrEqualTo(3);
        assertThat(sample).anySatisfy(guide -> assertThat(guide.promisedLimitDays()).isZero());
        assertThat(sample).allSatisfy(guide -> assertThat(guide.version()).isEqualTo(1));
        assertThat(catalog.current("XJ-650100-GA-0001")).hasValueSatisfying(guide -> {
            assertThat(guide.name()).isEqualTo("居民身份证首次申领");
            assertThat(guide.agencyName()).isEqualTo("乌鲁木齐市公安局");
        });
    }
}
