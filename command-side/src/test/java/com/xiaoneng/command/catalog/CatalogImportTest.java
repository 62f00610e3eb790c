package com.xiaoneng.command.catalog;

import com.xiaoneng.command.support.CommandSideTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@CommandSideTest
class CatalogImportTest {
    private static final String HEADER = String.join(",", CatalogCsv.COLUMNS) + "\n";

    @Autowired
    MockMvc mvc;
    @Autowired
    ServiceCatalog catalog;

    final String prefix = "T-" + UUID.randomUUID().toString().substring(0, 8);

    String row(String suffix, String promisedLimitDays) {
        return prefix + suffix + ",最低生活保障审核确认,PAYMENT,《社会救助暂行办法》第十一条,650100-MZ,乌鲁木齐市民政局,650100,30,"
                + promisedLimitDays + ",NONE,0\n";
    }

    ResultActions importCsv(String csv) throws Exception {
        return importBytes(csv.getBytes(StandardCharsets.UTF_8));
    }

    ResultActions importBytes(byte[] csv) throws Exception {
        return mvc.perform(post("/api/catalog/import").contentType("text/csv").content(csv));
    }

    @Test
    void importCountsCreatedUpdatedAndUnchangedRows() throws Exception {
        importCsv(HEADER + row("-1", "20") + row("-2", "20") + row("-3", "20"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.created").value(3))
                .andExpect(jsonPath("$.updated").value(0))
                .andExpect(jsonPath("$.unchanged").value(0))
                .andExpect(jsonPath("$.rejected", hasSize(0)));

        importCsv(HEADER + row("-1", "20") + row("-2", "15") + row("-3", "20") + row("-4", "20"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.created").value(1))
                .andExpect(jsonPath("$.updated").value(1))
                .andExpect(jsonPath("$.unchanged").value(2));

        assertThat(catalog.current(prefix + "-2")).hasValueSatisfying(guide -> {
            assertThat(guide.version()).isEqualTo(2);
            assertThat(guide.promisedLimitDays()).isEqualTo(15);
        });
        assertThat(catalog.current(prefix + "-1")).hasValueSatisfying(guide -> assertThat(guide.version()).isEqualTo(1));
    }

    @Test
    void aFileWithBadLinesWritesNothingAndReportsEveryLine() throws Exception {
        importCsv(HEADER + row("-1", "20")).andExpect(status().isOk());

        String csv = HEADER
                + row("-1", "10")                                                     // line 2: valid change
                + prefix + "-2,,PAYMENT,依据,650100-MZ,民政局,650100,30,40,NONE,0\n"     // line 3: name, promised > statutory
                + row("-3", "20")                                                     // line 4: valid new item
                + prefix + "-4,某事项,PERMIT,依据,650100-MZ,民政局,999999,x,1,NONE,-1\n" // line 5: type, region, statutory, fee
                + row("-1", "20")                                                     // line 6: duplicate code
                + "bad code!,某事项,PAYMENT,依据,650100-MZ,民政局,650100,1,1,NONE,0\n"   // line 7: code
                + prefix + "-5,某事项,PAYMENT\n";                                     // line 8: too few cells

        importCsv(csv)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.created").value(0))
                .andExpect(jsonPath("$.updated").value(0))
                .andExpect(jsonPath("$.unchanged").value(0))
                .andExpect(jsonPath("$.rejected[*].line", contains(3, 3, 5, 5, 5, 5, 6, 7, 8)))
                .andExpect(jsonPath("$.rejected[*].field", contains("name", "promisedLimitDays",
                        "type", "statutoryLimitDays", "regionCode", "feeYuan", "code", "code", null)))
                .andExpect(jsonPath("$.rejected[*].rule", contains("catalog.required", "catalog.promised-exceeds-statutory",
                        "catalog.invalid-value", "catalog.invalid-value", "catalog.region-code-invalid", "catalog.fee-negative",
                        "catalog.csv-duplicate-code", "catalog.code-format", "catalog.csv-column-count")))
                .andExpect(jsonPath("$.rejected[0].code").value(prefix + "-2"))
                .andExpect(jsonPath("$.rejected[0].message").isString());

        assertThat(catalog.current(prefix + "-1")).hasValueSatisfying(guide -> {
            assertThat(guide.version()).isEqualTo(1);
            assertThat(guide.promisedLimitDays()).isEqualTo(20);
        });
        assertThat(catalog.current(prefix + "-3")).isEmpty();
    }

    @Test
    void aMultipartFileWithBomAndCrLfLinesIsRead() throws Exception {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] text = (HEADER + row("-1", "20") + row("-2", "0")).replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] csv = new byte[bom.length + text.length];
        System.arraycopy(bom, 0, csv, 0, bom.length);
        System.arraycopy(text, 0, csv, bom.length, text.length);

        mvc.perform(multipart("/api/catalog/import").file(new MockMultipartFile("file", "catalog.csv", "text/csv", csv)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.created").value(2));

        assertThat(catalog.current(prefix + "-2")).hasValueSatisfying(guide -> assertThat(guide.promisedLimitDays()).isZero());
    }

    @Test
    void headerColumnsMayComeInAnyOrderAndCellsMayBeQuoted() throws Exception {
        String csv = "feeYuan,crossRegionScope,promisedLimitDays,statutoryLimitDays,regionCode,agencyName,agencyCode,legalBasis,type,name,code\n"
                + "12.5,CROSS_PROVINCE,1,3,654000,伊犁哈萨克自治州公安局,654000-GA,\"《护照法》第五条, 第六条\n(\"\"普通护照\"\")\",LICENSE,普通护照签发,"
                + prefix + "\n";

        importCsv(csv).andExpect(status().isOk()).andExpect(jsonPath("$.created").value(1));

        assertThat(catalog.current(prefix)).hasValueSatisfying(guide -> {
            assertThat(guide.legalBasis()).isEqualTo("《护照法》第五条, 第六条\n(\"普通护照\")");
            assertThat(guide.feeYuan()).isEqualByComparingTo("12.50");
        });
    }

    @Test
    void headerProblemsAreReportedOnLineOne() throws Exception {
        importCsv("code,name,typ\n" + prefix + ",x,LICENSE\n")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.rejected[0].line").value(1))
                .andExpect(jsonPath("$.rejected[0].field").value("typ"))
                .andExpect(jsonPath("$.rejected[0].rule").value("catalog.csv-unknown-column"))
                .andExpect(jsonPath("$.rejected[1].rule").value("catalog.csv-missing-column"))
                .andExpect(jsonPath("$.rejected[*].field", hasSize(1 + CatalogCsv.COLUMNS.size() - 2)));
        importCsv("")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.rejected[0].rule").value("catalog.csv-empty"));
    }

    @Test
    void nonUtf8FilesAndOpenQuotesAreRejectedWithTheirLine() throws Exception {
        importBytes((HEADER + row("-1", "20")).getBytes(Charset.forName("GBK")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.rejected[0].line").value(2))
                .andExpect(jsonPath("$.rejected[0].rule").value("catalog.csv-encoding"));
        importCsv(HEADER + row("-1", "20") + prefix + "-2,\"unclosed,PAYMENT\n")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.rejected[0].line").value(3))
                .andExpect(jsonPath("$.rejected[0].rule").value("catalog.csv-malformed"));
        assertThat(catalog.current(prefix + "-1")).isEmpty();
    }

    @Test
    void aMultipartRequestWithoutFileIsA400() throws Exception {
        mvc.perform(multipart("/api/catalog/import").file(new MockMultipartFile("upload", "x.csv", "text/csv", new byte[0])))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("file"))
                .andExpect(jsonPath("$.rule").value("catalog.required"));
    }
}
