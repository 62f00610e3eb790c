package com.xiaoneng.command.catalog;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.xiaoneng.command.support.CommandSideTest;
import com.xiaoneng.events.CrossRegionScope;
import com.xiaoneng.events.ItemType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@CommandSideTest
class CatalogApiTest {
    @Autowired
    MockMvc mvc;
    @Autowired
    ObjectMapper json;
    @Autowired
    ServiceCatalog catalog;
    @Autowired
    JdbcServiceCatalog jdbcCatalog;
    @Autowired
    JdbcClient jdbc;

    static String newCode() {
        return "T-" + UUID.randomUUID().toString().substring(0, 8);
    }

    ObjectNode guide() {
        ObjectNode body = json.createObjectNode();
        body.put("name", "食品经营许可");
        body.put("type", "LICENSE");
        body.put("legalBasis", "《中华人民共和国食品安全法》第三十五条");
        body.put("agencyCode", "650100-SJ");
        body.put("agencyName", "乌鲁木齐市市场监督管理局");
        body.put("regionCode", "650100");
        body.put("statutoryLimitDays", 10);
        body.put("promisedLimitDays", 5);
        body.put("crossRegionScope", "WITHIN_REGION");
        body.put("feeYuan", new BigDecimal("0.00"));
        return body;
    }

    ObjectNode guide(Consumer<ObjectNode> change) {
        ObjectNode body = guide();
        change.accept(body);
        return body;
    }

    ResultActions put(String code, Object body) throws Exception {
        return mvc.perform(MockMvcRequestBuilders.put("/api/catalog/items/{code}", code)
                .contentType(MediaType.APPLICATION_JSON)
                .content(body instanceof String text ? text : json.writeValueAsString(body)));
    }

    @Test
    void firstPutCreatesVersionOne() throws Exception {
        String code = newCode();

        put(code, guide())
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", "/api/catalog/items/" + code))
                .andExpect(jsonPath("$.code").value(code))
                .andExpect(jsonPath("$.version").value(1))
                .andExpect(jsonPath("$.name").value("食品经营许可"))
                .andExpect(jsonPath("$.type").value("LICENSE"))
                .andExpect(jsonPath("$.statutoryLimitDays").value(10))
                .andExpect(jsonPath("$.promisedLimitDays").value(5))
                .andExpect(jsonPath("$.crossRegionScope").value("WITHIN_REGION"))
                .andExpect(jsonPath("$.feeYuan").value(0.0))
                .andExpect(jsonPath("$.validFrom").isString());

        assertThat(catalog.current(code)).hasValueSatisfying(current -> {
            assertThat(current.version()).isEqualTo(1);
            assertThat(current.type()).isEqualTo(ItemType.LICENSE);
            assertThat(current.crossRegionScope()).isEqualTo(CrossRegionScope.WITHIN_REGION);
            assertThat(current.feeYuan()).isEqualTo(new BigDecimal("0.00"));
        });
    }

    @Test
    void aChangeMakesANewVersionAndTheOldOneStaysReadable() throws Exception {
        String code = newCode();
        put(code, guide()).andExpect(status().isCreated());
        ServiceGuide first = catalog.current(code).orElseThrow();

        put(code, guide(g -> g.put("promisedLimitDays", 3)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.version").value(2))
                .andExpect(jsonPath("$.promisedLimitDays").value(3));

        mvc.perform(get("/api/catalog/items/{code}", code))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.version").value(2))
                .andExpect(jsonPath("$.promisedLimitDays").value(3));
        mvc.perform(get("/api/catalog/items/{code}", code).param("version", "1"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.version").value(1))
                .andExpect(jsonPath("$.promisedLimitDays").value(5));
        mvc.perform(get("/api/catalog/items/{code}/versions", code))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[*].version", contains(1, 2)))
                .andExpect(jsonPath("$[*].promisedLimitDays", contains(5, 3)));
        assertThat(catalog.version(code, 1)).contains(first);
        ServiceGuide second = catalog.current(code).orElseThrow();
        assertThat(second.version()).isEqualTo(2);
        assertThat(second.validFrom()).isAfterOrEqualTo(first.validFrom());
    }

    @Test
    void aPutEqualToTheCurrentVersionMakesNoNewVersion() throws Exception {
        String code = newCode();
        put(code, guide()).andExpect(status().isCreated());
        ServiceGuide first = catalog.current(code).orElseThrow();

        // the same terms written differently: padded text, fee without decimals
        String response = put(code, guide(g -> {
            g.put("name", "  食品经营许可 ");
            g.put("feeYuan", 0);
        })).andExpect(status().isOk())
                .andExpect(jsonPath("$.version").value(1))
                .andReturn().getResponse().getContentAsString();

        assertThat(json.readValue(response, ServiceGuide.class)).isEqualTo(first);
        mvc.perform(get("/api/catalog/items/{code}/versions", code)).andExpect(jsonPath("$", hasSize(1)));
    }

    @Test
    void unknownItemsAndVersionsAre404() throws Exception {
        String code = newCode();
        mvc.perform(get("/api/catalog/items/{code}", code))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.status").value(404))
                .andExpect(jsonPath("$.error").value("Not Found"))
                .andExpect(jsonPath("$.field").value("code"))
                .andExpect(jsonPath("$.rule").value("catalog.not-found"))
                .andExpect(jsonPath("$.message").isString());
        mvc.perform(get("/api/catalog/items/{code}/versions", code))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.rule").value("catalog.not-found"));
        mvc.perform(get("/api/catalog/items/{code}", code).param("version", "1"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.rule").value("catalog.not-found"));

        put(code, guide()).andExpect(status().isCreated());
        mvc.perform(get("/api/catalog/items/{code}", code).param("version", "2"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.field").value("version"))
                .andExpect(jsonPath("$.rule").value("catalog.version-not-found"));
        mvc.perform(get("/api/catalog/items/{code}", code).param("version", "latest"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("version"))
                .andExpect(jsonPath("$.rule").value("catalog.invalid-value"));
        assertThat(catalog.current(newCode())).isEmpty();
        assertThat(catalog.version(code, 2)).isEmpty();
    }

    static Stream<Arguments> invalidGuides() {
        return Stream.of(
                invalid("promisedLimitDays", "catalog.promised-exceeds-statutory", g -> g.put("promisedLimitDays", 11)),
                invalid("statutoryLimitDays", "catalog.limit-negative", g -> g.put("statutoryLimitDays", -1)),
                invalid("promisedLimitDays", "catalog.limit-negative", g -> g.put("promisedLimitDays", -1)),
                invalid("statutoryLimitDays", "catalog.limit-too-large", g -> g.put("statutoryLimitDays", 366)),
                invalid("statutoryLimitDays", "catalog.required", g -> g.remove("statutoryLimitDays")),
                invalid("promisedLimitDays", "catalog.required", g -> g.putNull("promisedLimitDays")),
                invalid("statutoryLimitDays", "catalog.invalid-value", g -> g.put("statutoryLimitDays", "ten")),
                invalid("promisedLimitDays", "catalog.invalid-value", g -> g.put("promisedLimitDays", 1.5)),
                invalid("statutoryLimitDays", "catalog.invalid-value", g -> g.put("statutoryLimitDays", 3_000_000_000L)),
                invalid("name", "catalog.required", g -> g.remove("name")),
                invalid("name", "catalog.required", g -> g.put("name", "   ")),
                invalid("name", "catalog.too-long", g -> g.put("name", "许".repeat(201))),
                invalid("legalBasis", "catalog.required", g -> g.put("legalBasis", "")),
                invalid("legalBasis", "catalog.too-long", g -> g.put("legalBasis", "法".repeat(1001))),
                invalid("agencyCode", "catalog.required", g -> g.remove("agencyCode")),
                invalid("agencyCode", "catalog.too-long", g -> g.put("agencyCode", "A".repeat(65))),
                invalid("agencyName", "catalog.required", g -> g.put("agencyName", " ")),
                invalid("agencyName", "catalog.too-long", g -> g.put("agencyName", "局".repeat(101))),
                invalid("regionCode", "catalog.required", g -> g.remove("regionCode")),
                invalid("regionCode", "catalog.region-code-invalid", g -> g.put("regionCode", "65010")),
                invalid("regionCode", "catalog.region-code-invalid", g -> g.put("regionCode", "990100")),
                invalid("regionCode", "catalog.region-code-invalid", g -> g.put("regionCode", "650001")),
                invalid("type", "catalog.required", g -> g.remove("type")),
                invalid("type", "catalog.invalid-value", g -> g.put("type", "PERMIT")),
                invalid("crossRegionScope", "catalog.required", g -> g.remove("crossRegionScope")),
                invalid("crossRegionScope", "catalog.invalid-value", g -> g.put("crossRegionScope", "GLOBAL")),
                invalid("feeYuan", "catalog.required", g -> g.remove("feeYuan")),
                invalid("feeYuan", "catalog.fee-negative", g -> g.put("feeYuan", new BigDecimal("-0.01"))),
                invalid("feeYuan", "catalog.fee-scale", g -> g.put("feeYuan", new BigDecimal("1.234"))),
                invalid("feeYuan", "catalog.fee-too-large", g -> g.put("feeYuan", new BigDecimal("10000000000"))),
                invalid("feeYuan", "catalog.invalid-value", g -> g.put("feeYuan", "free")));
    }

    static Arguments invalid(String field, String rule, Consumer<ObjectNode> change) {
        return Arguments.of(field, rule, change);
    }

    @ParameterizedTest(name = "{1} on {0}")
    @MethodSource("invalidGuides")
    void invalidGuidesAreRejectedNamingTheField(String field, String rule, Consumer<ObjectNode> change) throws Exception {
        String code = newCode();

        put(code, guide(change))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.status").value(400))
                .andExpect(jsonPath("$.error").value("Bad Request"))
                .andExpect(jsonPath("$.field").value(field))
                .andExpect(jsonPath("$.rule").value(rule))
                .andExpect(jsonPath("$.message").isString());

        assertThat(catalog.current(code)).isEmpty();
    }

    @Test
    void aLimitOfZeroIsAnImmediateItem() throws Exception {
        put(newCode(), guide(g -> {
            g.put("statutoryLimitDays", 0);
            g.put("promisedLimitDays", 0);
        })).andExpect(status().isCreated()).andExpect(jsonPath("$.promisedLimitDays").value(0));
    }

    @Test
    void invalidCodesAreRejected() throws Exception {
        put("bad_code", guide())
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("code"))
                .andExpect(jsonPath("$.rule").value("catalog.code-format"));
        put("A".repeat(37), guide())
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.rule").value("catalog.code-format"));
        put("A".repeat(36), guide()).andExpect(status().isCreated());
    }

    @Test
    void enumErrorsListTheAllowedValues() throws Exception {
        put(newCode(), guide(g -> g.put("crossRegionScope", "EVERYWHERE")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.message").value("crossRegionScope must be one of NONE, WITHIN_REGION, CROSS_PROVINCE, was EVERYWHERE"));
    }

    @Test
    void malformedJsonIsA400WithoutField() throws Exception {
        put(newCode(), "{\"name\": ")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.status").value(400))
                .andExpect(jsonPath("$.field").doesNotExist())
                .andExpect(jsonPath("$.rule").value("catalog.malformed-body"));
    }

    @Test
    void listShowsCurrentVersionsSortedByCodeAndFilters() throws Exception {
        String agency = newCode();
        String other = newCode();
        String b = agency + "-B";
        String a = agency + "-A";
        String c = agency + "-C";
        put(b, guide(g -> { g.put("agencyCode", agency); g.put("regionCode", "653101"); })).andExpect(status().isCreated());
        put(a, guide(g -> { g.put("agencyCode", agency); g.put("regionCode", "654002"); g.put("type", "PAYMENT"); }))
                .andExpect(status().isCreated());
        put(a, guide(g -> { g.put("agencyCode", agency); g.put("regionCode", "654002"); g.put("type", "PAYMENT"); g.put("promisedLimitDays", 1); }))
                .andExpect(status().isOk());
        put(c, guide(g -> { g.put("agencyCode", other); g.put("regionCode", "653100"); })).andExpect(status().isCreated());

        mvc.perform(get("/api/catalog/items").param("agencyCode", agency))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[*].code", contains(a, b)))
                .andExpect(jsonPath("$[*].version", contains(2, 1)));
        mvc.perform(get("/api/catalog/items").param("agencyCode", agency).param("type", "PAYMENT"))
                .andExpect(jsonPath("$[*].code", contains(a)));
        // a prefecture includes its counties: 653101 喀什市 lies in 653100 喀什地区
        mvc.perform(get("/api/catalog/items").param("agencyCode", agency).param("regionCode", "653100"))
                .andExpect(jsonPath("$[*].code", contains(b)));
        mvc.perform(get("/api/catalog/items").param("agencyCode", agency).param("regionCode", "650000"))
                .andExpect(jsonPath("$[*].code", contains(a, b)));
        mvc.perform(get("/api/catalog/items").param("regionCode", "654002").param("type", "PAYMENT").param("agencyCode", agency))
                .andExpect(jsonPath("$[*].code", contains(a)));
        mvc.perform(get("/api/catalog/items").param("agencyCode", agency).param("regionCode", ""))
                .andExpect(jsonPath("$[*].code", contains(a, b)));

        String all = mvc.perform(get("/api/catalog/items")).andReturn().getResponse().getContentAsString();
        List<String> codes = json.readTree(all).findValuesAsText("code");
        assertThat(codes).contains(a, b, c).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void badFiltersAre400() throws Exception {
        mvc.perform(get("/api/catalog/items").param("type", "PERMIT"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("type"))
                .andExpect(jsonPath("$.rule").value("catalog.invalid-value"));
        mvc.perform(get("/api/catalog/items").param("regionCode", "xj"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("regionCode"))
                .andExpect(jsonPath("$.rule").value("catalog.region-code-invalid"));
    }

    @Test
    void concurrentChangesOfOneItemGetDistinctVersions() throws Exception {
        String code = newCode();
        int writers = 8;
        List<Callable<JdbcServiceCatalog.Saved>> saves = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            GuideTerms terms = GuideRules.validated(code, json.treeToValue(guide(g -> g.put("name", "事项 " + UUID.randomUUID())), GuideInput.class));
            saves.add(() -> jdbcCatalog.save(code, terms));
        }
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Integer> versions = new ArrayList<>();
            for (Future<JdbcServiceCatalog.Saved> saved : pool.invokeAll(saves)) {
                versions.add(saved.get().guide().version());
            }
            assertThat(versions).containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, writers).boxed().toList());
        } finally {
            pool.shutdown();
        }
        assertThat(jdbcCatalog.versions(code)).extracting(ServiceGuide::version)
                .containsExactlyElementsOf(IntStream.rangeClosed(1, writers).boxed().toList());
        assertThat(catalog.current(code)).hasValueSatisfying(current -> assertThat(current.version()).isEqualTo(writers));
    }

    @Test
    void versionRowsCannotBeChangedOrDeleted() throws Exception {
        String code = newCode();
        put(code, guide()).andExpect(status().isCreated());

        assertThatThrownBy(() -> jdbc.sql("UPDATE service_item_version SET promised_limit_days = 1 WHERE code = ?").param(code).update())
                .hasMessageContaining("immutable");
        assertThatThrownBy(() -> jdbc.sql("DELETE FROM service_item_version WHERE code = ?").param(code).update())
                .hasMessageContaining("immutable");
    }
}
