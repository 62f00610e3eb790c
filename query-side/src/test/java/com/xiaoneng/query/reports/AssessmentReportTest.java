package com.xiaoneng.query.reports;

import com.fasterxml.jackson.databind.JsonNode;
import com.xiaoneng.query.testing.QuerySideTest;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletResponse;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The Q3 2025 scoreboard by prefecture, weights 0.4 on-time, 0.3 good, 0.2 rectification, 0.1 not overdue.
 * Open overdue at 24:00 of 09-30: C13 (650100), C14 and C12 (653100), C18 (654000).
 * <pre>
 * 650400: on time 2/2 = 1, good 2/2 = 1, no bad rating (left out), not overdue 2/2 = 1 -> 100 * 0.8 / 0.8 = 100.00
 * 650100: 0.4*0.75 + 0.3*0.75 + 0.2*1 + 0.1*(4/5 = 0.8) = 0.805 -> 80.50
 * 654000: 0.4*0.5 + 0.3*0 + 0.2*1 + 0.1*(2/3 = 0.6667) = 0.46667 -> 46.67
 * 653100: 0.4*0.6 + 0.3*0 + 0.2*0.5 + 0.1*(5/7 = 0.7143) = 0.41143 -> 41.14
 * </pre>
 */
class AssessmentReportTest extends QuerySideTest {
    private static final String Q3 = "/api/reports/assessment?period=2025-Q3";
    private static final List<String> EXPECTED = List.of(
            "1,650400,吐鲁番市,2,1.0000,0,1.0000,2,1.0000,0,,1,100.00",
            "2,650100,乌鲁木齐市,4,0.7500,1,0.8000,4,0.7500,1,1.0000,1,80.50",
            "3,654000,伊犁哈萨克自治州,2,0.5000,1,0.6667,1,0.0000,1,1.0000,1,46.67",
            "4,653100,喀什地区,5,0.6000,2,0.7143,4,0.0000,2,0.5000,2,41.14");

    @Test
    void json() throws Exception {
        JsonNode report = json("supervisor", Q3);
        assertThat(report.get("from").asText()).isEqualTo("2025-07-01");
        assertThat(report.get("to").asText()).isEqualTo("2025-09-30");
        assertThat(report.get("scope").asText()).isEqualTo("650000");
        assertThat(report.get("scopeName").asText()).isEqualTo("新疆维吾尔自治区");
        assertThat(report.get("generatedBy").asText()).isEqualTo("supervisor");
        assertThat(report.get("openOverdueAsOf").asText()).isEqualTo("2025-09-30T16:00:00Z");
        List<String> rows = new ArrayList<>();
        for (JsonNode row : report.get("rows")) {
            List<String> cells = new ArrayList<>();
            AssessmentReport.COLUMNS.forEach(column -> cells.add(row.get(column).isNull() ? "" : row.get(column).asText()));
            rows.add(String.join(",", cells));
        }
        assertThat(rows).containsExactlyElementsOf(EXPECTED);
    }

    @Test
    void byAgency() throws Exception {
        // KAS: 0.4*0.6667 + 0.2*1 + 0.1*(3/5) = 0.52668; SHF: 0.4*0.5 + 0.3*0 + 0.2*0 + 0.1*1 = 0.3
        JsonNode report = json("admin", Q3 + "&groupBy=agency");
        List<String> rows = new ArrayList<>();
        report.get("rows").forEach(row -> rows.add(row.get("rank").asText() + "," + row.get("code").asText() + ","
                + row.get("name").asText() + "," + row.get("openOverdue").asText() + "," + row.get("score").asText()));
        assertThat(rows).containsExactly(
                "1,AG-TUR,吐鲁番市政务服务中心,0,100.00",
                "2,AG-URU,乌鲁木齐市政务服务中心,1,80.50",
                "3,AG-KAS,喀什市政务服务中心,2,52.67",
                "4,AG-ILI,伊宁市政务服务中心,1,46.67",
                "5,AG-SHF,疏附县政务服务中心,0,30.00");
    }

    @Test
    void periodsAndRegion() throws Exception {
        JsonNode year = json("supervisor", "/api/reports/assessment?period=2025");
        assertThat(year.get("from").asText()).isEqualTo("2025-01-01");
        assertThat(year.get("to").asText()).isEqualTo("2025-12-31");
        // the year is not over: open overdue as of now
        assertThat(year.get("openOverdueAsOf").asText()).isEqualTo("2025-10-15T04:00:00Z");
        JsonNode july = json("supervisor", "/api/reports/assessment?period=2025-07&region=653100");
        assertThat(july.get("to").asText()).isEqualTo("2025-07-31");
        assertThat(july.get("rows")).hasSize(1);
        // July in 653100: completed C04 C05 C24, C04 and C24 on time
        assertThat(july.at("/rows/0/completed").asLong()).isEqualTo(3);
        assertThat(july.at("/rows/0/onTimeRate").asText()).isEqualTo("0.6667");
    }

    @Test
    void csvWithByteOrderMark() throws Exception {
        MockHttpServletResponse response = download("csv");
        assertThat(response.getContentType()).startsWith("text/csv");
        assertThat(response.getHeader("Content-Disposition")).contains("attachment").contains("assessment-2025-Q3-650000-prefecture.csv");
        byte[] body = response.getContentAsByteArray();
        assertThat(body).startsWith(0xEF, 0xBB, 0xBF);
        List<String> lines = new String(body, 3, body.length - 3, StandardCharsets.UTF_8).lines().toList();
        assertThat(lines.get(0)).isEqualTo(String.join(",", AssessmentReport.COLUMNS));
        assertThat(lines.subList(1, lines.size())).containsExactlyElementsOf(EXPECTED);
    }

    @Test
    void xlsxWithHeaderBlock() throws Exception {
        MockHttpServletResponse response = download("xlsx");
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(response.getContentAsByteArray()))) {
            Sheet sheet = workbook.getSheetAt(0);
            assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("绩效考核报告 Assessment report");
            assertThat(sheet.getRow(1).getCell(1).getStringCellValue()).isEqualTo("2025-Q3 (2025-07-01 .. 2025-09-30)");
            assertThat(sheet.getRow(2).getCell(1).getStringCellValue()).isEqualTo("650000 新疆维吾尔自治区, by prefecture");
            assertThat(sheet.getRow(4).getCell(0).getStringCellValue()).isEqualTo("Generated at");
            assertThat(sheet.getRow(4).getCell(1).getStringCellValue()).isEqualTo("2025-10-15T04:00:00Z");
            assertThat(sheet.getRow(5).getCell(1).getStringCellValue()).isEqualTo("supervisor");
            Row header = sheet.getRow(XlsxReport.TABLE_ROW);
            assertThat(header.getCell(12).getStringCellValue()).isEqualTo("score");
            Row second = sheet.getRow(XlsxReport.TABLE_ROW + 2);
            assertThat(second.getCell(0).getNumericCellValue()).isEqualTo(2);
            assertThat(second.getCell(2).getStringCellValue()).isEqualTo("乌鲁木齐市");
            assertThat(second.getCell(3).getNumericCellValue()).isEqualTo(4);
            assertThat(second.getCell(4).getNumericCellValue()).isEqualTo(0.75);
            assertThat(second.getCell(12).getNumericCellValue()).isEqualTo(80.5);
            assertThat(sheet.getRow(XlsxReport.TABLE_ROW + 1).getCell(10)).isNull();  // no bad rating in 650400
            assertThat(sheet.getLastRowNum()).isEqualTo(XlsxReport.TABLE_ROW + 4);
        }
    }

    @Test
    void pdfWithEmbeddedChineseFont() throws Exception {
        MockHttpServletResponse response = download("pdf");
        assertThat(response.getContentType()).isEqualTo("application/pdf");
        try (PDDocument pdf = Loader.loadPDF(response.getContentAsByteArray())) {
            String text = new PDFTextStripper().getText(pdf);
            assertThat(text).contains("绩效考核报告", "乌鲁木齐市", "吐鲁番市", "喀什地区", "伊犁哈萨克自治州", "新疆维吾尔自治区",
                    "80.50", "41.14", "Generated at: 2025-10-15T04:00:00Z by supervisor");
            for (COSName name : pdf.getPage(0).getResources().getFontNames()) {
                PDFont font = pdf.getPage(0).getResources().getFont(name);
                assertThat(font.isEmbedded()).isTrue();
                // a subset: six capital letters and '+' before the font name
                assertThat(font.getName()).matches("[A-Z]{6}\\+.*");
            }
        }
    }

    @Test
    void everyExportIsLoggedForAdmin() throws Exception {
        long before = json("admin", "/api/reports/exports").get("total").asLong();
        download("csv");
        download("pdf");
        as("supervisor", Q3 + "&region=653100").andExpect(status().isOk());
        JsonNode log = json("admin", "/api/reports/exports?size=1000");
        assertThat(log.get("total").asLong()).isEqualTo(before + 3);
        List<String> entries = new ArrayList<>();
        log.get("rows").forEach(row -> entries.add(row.get("username").asText() + "," + row.get("format").asText() + ","
                + row.get("period").asText() + "," + row.get("region").asText() + "," + row.get("exportedAt").asText()));
        assertThat(entries).contains("supervisor,csv,2025-Q3,650000,2025-10-15T04:00:00Z",
                "supervisor,pdf,2025-Q3,650000,2025-10-15T04:00:00Z",
                "supervisor,json,2025-Q3,653100,2025-10-15T04:00:00Z");
    }

    private MockHttpServletResponse download(String format) throws Exception {
        return as("supervisor", Q3 + "&format=" + format).andExpect(status().isOk()).andReturn().getResponse();
    }
}
