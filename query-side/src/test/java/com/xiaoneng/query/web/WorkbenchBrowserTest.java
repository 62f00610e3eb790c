package com.xiaoneng.query.web;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.xiaoneng.query.testing.SeedData;
import com.xiaoneng.query.testing.TestClickHouse;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.InputStream;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.NumberFormat;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit workbench in headless Chromium against the query side on a random port over the seeded
 * chDB endpoint: sign in, filter by a prefecture, page and sort the lists, open a timeline (also by
 * the Grafana deep link), download the XLSX report, and see a region-scope error. Every expected value
 * comes from the query-side API for the same filters, so the page is checked to show what the API says.
 * The browser runs in UTC so that Beijing times on the page prove the page converts them itself.
 * Every response carries a Content-Security-Policy that allows only the page's own scripts and styles, and the page
 * works under it: no violation reaches the browser console in any test, while an inline script is refused.
 * Screenshots: target/workbench.png (the filtered page after the downloads), target/workbench-timeline.png and
 * target/workbench-sign-in.png.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(WorkbenchBrowserTest.FixedClock.class)
class WorkbenchBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(BEIJING);
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** The page's default period: this year up to the server's day. */
    private static final LocalDate TODAY = LocalDate.ofInstant(SeedData.NOW, BEIJING);
    private static final String PERIOD = "from=" + TODAY.withDayOfYear(1) + "&to=" + TODAY;
    private static final String KASHGAR = "653100";

    private static ChromeDriver driver;
    private static Path downloads;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void clickHouse(DynamicPropertyRegistry registry) {
        registry.add("xiaoneng.clickhouse.url", () -> TestClickHouse.seeded().url());
        registry.add("xiaoneng.clickhouse.database", () -> TestClickHouse.DATABASE);
    }

    @BeforeAll
    static void browser() throws IOException {
        // CI installs them (test.sh); a machine without them must not pass this test by skipping it
        assertThat(Files.isExecutable(CHROMIUM))
                .as("Chromium is required at %s (Debian package chromium; test.sh installs it)", CHROMIUM).isTrue();
        assertThat(Files.isExecutable(CHROMEDRIVER))
                .as("ChromeDriver is required at %s (Debian package chromium-driver; test.sh installs it)", CHROMEDRIVER)
                .isTrue();
        downloads = Files.createDirectories(Path.of("target", "workbench-downloads").toAbsolutePath());
        try (Stream<Path> old = Files.list(downloads)) {
            for (Path file : old.toList()) {
                Files.delete(file);
            }
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1440,1500", "--lang=zh-CN");
        options.setExperimentalOption("prefs", Map.of(
                "download.default_directory", downloads.toString(), "download.prompt_for_download", false));
        // the console, where Chromium reports what the Content-Security-Policy refused
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort()
                .withEnvironment(Map.of("TZ", "UTC", "LANG", "zh_CN.UTF-8")).build();
        driver = new ChromeDriver(service, options);
    }

    @AfterAll
    static void closeBrowser() {
        if (driver != null) {
            driver.quit();
        }
    }

    @Test
    void auditorsWorkflow() throws Exception {
        driver.get(base() + "/workbench/");
        signIn("admin", "not-the-password");
        waitText(By.id("sign-in-error"), "用户名或密码错误。");
        signIn("admin", "admin-pass");
        waitText(By.id("who-name"), "admin");
        assertThat(text(By.id("who-scope"))).isEqualTo("范围：650000 新疆维吾尔自治区");

        // headline metrics of the default period, all of Xinjiang
        waitMetrics("");

        // paging: the late completions span two pages of 5
        new Select(driver.findElement(By.id("overdue-state"))).selectByValue("late");
        // the pager is drawn anew with the list: choose the size on the late list's own pager
        waitColumn("overdue-table", "caseId", caseIds(api("admin", "/api/audit/overdue?state=late&size=10&" + PERIOD)));
        new Select(driver.findElement(By.cssSelector("#overdue-pager select"))).selectByValue("5");
        JsonNode late = api("admin", "/api/audit/overdue?state=late&size=5&" + PERIOD);
        assertThat(late.get("totalPages").asInt()).as("seed data for paging").isEqualTo(2);
        waitColumn("overdue-table", "caseId", caseIds(late));
        assertThat(text(By.cssSelector("#overdue-pager .info"))).isEqualTo("第 1 / 2 页，共 " + late.get("total") + " 条");
        driver.findElement(By.cssSelector("#overdue-pager .next")).click();
        waitColumn("overdue-table", "caseId", caseIds(api("admin", "/api/audit/overdue?state=late&size=5&page=1&" + PERIOD)));
        assertThat(driver.findElement(By.cssSelector("#overdue-pager .next")).isEnabled()).isFalse();

        // filter by a prefecture: metrics and lists follow
        new Select(driver.findElement(By.id("region"))).selectByValue(KASHGAR);
        driver.findElement(By.id("apply")).click();
        waitMetrics(KASHGAR);
        new Select(driver.findElement(By.id("overdue-state"))).selectByValue("open");
        JsonNode open = api("admin", "/api/audit/overdue?state=open&size=5&region=" + KASHGAR + "&" + PERIOD);
        assertThat(open.get("total").asInt()).as("seed data: open overdue in Kashgar").isPositive();
        waitColumn("overdue-table", "caseId", caseIds(open));
        assertThat(column("overdue-table", "handlingRegion")).allMatch(region -> region.startsWith("6531"));

        // sorting the bad ratings by score, up then down
        String poorQuery = "/api/audit/poor-ratings?size=10&region=" + KASHGAR + "&" + PERIOD;
        JsonNode byDate = api("admin", poorQuery);
        assertThat(byDate.get("total").asInt()).as("seed data: bad ratings in Kashgar").isGreaterThan(1);
        waitColumn("poor-table", "caseId", caseIds(byDate));
        sortBy("poor-table", "score");
        waitColumn("poor-table", "caseId", caseIds(api("admin", poorQuery + "&sort=score,asc")));
        sortBy("poor-table", "score");
        List<String> descending = caseIds(api("admin", poorQuery + "&sort=score,desc"));
        waitColumn("poor-table", "caseId", descending);
        assertThat(driver.findElement(By.cssSelector("#poor-table th[data-column='score']")).getAttribute("aria-sort"))
                .isEqualTo("descending");

        // a case's timeline from the list, times in Beijing time although the browser runs in UTC
        String caseId = caseIds(open).get(0);
        driver.findElement(By.linkText(caseId)).click();
        waitTimeline(caseId, "admin");
        assertThat(driver.getCurrentUrl()).endsWith("/workbench/#/cases/" + caseId);
        screenshot("workbench-timeline.png");
        driver.findElement(By.id("timeline-close")).click();
        waitUntil("timeline closed", () -> !driver.findElement(By.id("timeline")).isDisplayed());

        // the assessment report of the default period (the last complete quarter) for the chosen prefecture
        long logged = api("admin", "/api/reports/exports").get("total").asLong();
        driver.findElement(By.cssSelector("#report-form button[data-format='xlsx']")).click();
        Path xlsx = waitDownload(".xlsx");
        assertThat(text(By.id("report-status"))).startsWith("已下载 " + xlsx.getFileName()).contains("导出审计日志");
        String period = TODAY.getYear() + "-Q" + ((TODAY.getMonthValue() - 1) / 3);
        assertThat(xlsx.getFileName().toString()).isEqualTo("assessment-" + period + "-" + KASHGAR + "-prefecture.xlsx");
        waitUntil("the export in the export log", () -> text(By.cssSelector("#exports-pager .info"))
                .endsWith("共 " + (logged + 1) + " 条"));
        assertThat(column("exports-table", "format")).contains("XLSX");
        checkWorkbook(xlsx, api("supervisor", "/api/reports/assessment?period=" + period + "&region=" + KASHGAR));
        // the other two formats come the same way
        driver.findElement(By.cssSelector("#report-form button[data-format='pdf']")).click();
        assertThat(Files.readString(waitDownload(".pdf"), StandardCharsets.ISO_8859_1)).startsWith("%PDF-");
        driver.findElement(By.cssSelector("#report-form button[data-format='csv']")).click();
        assertThat(Files.readAllLines(waitDownload(".csv"), StandardCharsets.UTF_8)).anyMatch(line -> line.contains(KASHGAR));
        // xlsx, the JSON read above, pdf and csv
        waitUntil("four more exports in the log", () -> text(By.cssSelector("#exports-pager .info"))
                .endsWith("共 " + (logged + 4) + " 条"));
        screenshot("workbench.png");
        assertThat(cspViolations()).as("Content-Security-Policy violations in the console").isEmpty();
    }

    @Test
    void grafanaDeepLinkOpensTheTimelineAfterSignIn() throws Exception {
        // a new tab: its own sessionStorage, so the link meets the sign-in form first
        driver.switchTo().newWindow(WindowType.TAB);
        driver.get(base() + "/workbench/#/cases/C01");
        waitUntil("the sign-in form", () -> driver.findElement(By.id("sign-in")).isDisplayed());
        screenshot("workbench-sign-in.png");
        signIn("auditor", "auditor-pass");
        waitTimeline("C01", "auditor");
        new Actions(driver).sendKeys(Keys.ESCAPE).perform();
        waitUntil("timeline closed by Escape", () -> !driver.findElement(By.id("timeline")).isDisplayed());
        assertThat(driver.getCurrentUrl()).endsWith("/workbench/#/");
        // auditors read lists and timelines, not reports
        assertThat(driver.findElement(By.id("overdue")).isDisplayed()).isTrue();
        assertThat(driver.findElement(By.id("reports")).isDisplayed()).isFalse();
        assertThat(cspViolations()).as("Content-Security-Policy violations in the console").isEmpty();
        driver.close();
        driver.switchTo().window(driver.getWindowHandles().iterator().next());
    }

    @Test
    void regionOutsideTheScopeIsShownPlainly() {
        driver.switchTo().newWindow(WindowType.TAB);
        driver.get(base() + "/workbench/");
        signIn("leader-kashgar", "leader-kashgar-pass");
        waitText(By.id("who-scope"), "范围：653100 喀什地区");
        assertThat(new Select(driver.findElement(By.id("region"))).getOptions()).extracting(WebElement::getText)
                .containsExactly("全部（喀什地区）");
        assertThat(driver.findElement(By.id("overdue")).isDisplayed()).isFalse();
        driver.findElement(By.id("region-code")).sendKeys("650102");
        driver.findElement(By.id("apply")).click();
        waitUntil("the region-scope error", () -> text(By.id("error")).contains("所选区域超出您的权限范围"));
        assertThat(text(By.id("error"))).contains("HTTP 403").contains("650102");
        driver.findElement(By.id("sign-out")).click();
        waitUntil("signed out", () -> driver.findElement(By.id("sign-in")).isDisplayed());
        assertThat(((JavascriptExecutor) driver).executeScript("return sessionStorage.length")).isEqualTo(0L);
        assertThat(cspViolations()).as("Content-Security-Policy violations in the console").isEmpty();
        driver.close();
        driver.switchTo().window(driver.getWindowHandles().iterator().next());
    }

    @Test
    void contentSecurityPolicyAndReferrerPolicyHoldAndThePageWorksUnderThem() throws Exception {
        String policy = "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
                + "form-action 'self'; frame-ancestors 'none'";
        for (String path : List.of("/workbench/", "/workbench/app.js", "/workbench/app.css", "/api/me")) {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base() + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(path).isIn(200, 401);
            assertThat(response.headers().firstValue("Content-Security-Policy")).as(path).hasValue(policy);
            assertThat(response.headers().firstValue("Referrer-Policy")).as(path).hasValue("no-referrer");
            assertThat(response.headers().firstValue("X-Content-Type-Options")).as(path).hasValue("nosniff");
            assertThat(response.headers().firstValue("X-Frame-Options")).as(path).hasValue("DENY");
        }

        driver.switchTo().newWindow(WindowType.TAB);
        cspViolations();
        driver.get(base() + "/workbench/");
        signIn("supervisor", "supervisor-pass");
        waitText(By.id("who-name"), "supervisor");
        waitUntil("the report form", () -> driver.findElement(By.id("reports")).isDisplayed());
        assertThat(cspViolations()).as("Content-Security-Policy violations in the console").isEmpty();

        // the policy is enforced, not only sent: inline code and inline style are refused
        JavascriptExecutor page = (JavascriptExecutor) driver;
        page.executeScript("const s = document.createElement('script'); s.textContent = 'window.inlineRan = true;';"
                + " document.head.append(s); document.getElementById('who-name').setAttribute('style', 'color: rgb(255, 0, 0)');");
        assertThat(page.executeScript("return window.inlineRan === true")).isEqualTo(false);
        assertThat(page.executeScript("return getComputedStyle(document.getElementById('who-name')).color"))
                .isNotEqualTo("rgb(255, 0, 0)");
        waitUntil("the refusals in the console", () -> cspViolations().size() >= 1);
        driver.close();
        driver.switchTo().window(driver.getWindowHandles().iterator().next());
    }

    /** What the console said since the last call about the Content-Security-Policy (reading empties the log). */
    private static List<String> cspViolations() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::getMessage)
                .filter(message -> message.contains("Content Security Policy")).toList();
    }

    private void signIn(String user, String password) {
        waitUntil("the sign-in form", () -> driver.findElement(By.id("sign-in")).isDisplayed());
        WebElement name = driver.findElement(By.id("username"));
        name.clear();
        name.sendKeys(user);
        WebElement secret = driver.findElement(By.id("password"));
        secret.clear();
        secret.sendKeys(password);
        driver.findElement(By.id("sign-in-button")).click();
    }

    /** The six cards show the API's totals for the same filters (region "" = the whole scope). */
    private void waitMetrics(String region) throws Exception {
        String query = PERIOD + (region.isEmpty() ? "" : "&region=" + region);
        JsonNode compliance = api("admin", "/api/metrics/compliance?" + query).get("total");
        JsonNode ratings = api("admin", "/api/metrics/ratings?" + query).get("total");
        JsonNode cross = api("admin", "/api/metrics/cross-region?" + query).get("total");
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("completed", count(compliance.get("completed")));
        expected.put("onTimeRate", percent(compliance.get("onTimeRate")));
        expected.put("openOverdue", count(compliance.get("openOverdue")));
        expected.put("goodRate", percent(ratings.get("goodRate")));
        expected.put("rectificationRate", percent(ratings.get("rectificationRate")));
        expected.put("crossShare", percent(cross.get("crossShare")));
        Supplier<Map<String, String>> shown = () -> {
            Map<String, String> cards = new LinkedHashMap<>();
            for (String metric : expected.keySet()) {
                cards.put(metric, text(By.cssSelector(".metric[data-metric='" + metric + "'] .value")));
            }
            return cards;
        };
        waitUntil(() -> "metrics " + expected + ", shown " + shown.get(), () -> shown.get().equals(expected));
    }

    private void waitTimeline(String caseId, String user) throws Exception {
        JsonNode events = api(user, "/api/cases/" + caseId + "/timeline").get("events");
        assertThat(events.size()).as("seed data: events of %s", caseId).isPositive();
        waitText(By.id("timeline-case"), caseId);
        waitUntil(() -> "the timeline of " + caseId, () -> driver.findElements(By.cssSelector("#timeline-body .event")).size()
                == events.size());
        List<WebElement> shown = driver.findElements(By.cssSelector("#timeline-body .event"));
        for (int i = 0; i < events.size(); i++) {
            JsonNode event = events.get(i);
            assertThat(shown.get(i).getAttribute("data-type")).isEqualTo(event.get("type").asText());
            assertThat(shown.get(i).findElement(By.className("occurred")).getText())
                    .isEqualTo(SECONDS.format(Instant.parse(event.get("occurredAt").asText())));
        }
        assertThat(shown.get(0).findElement(By.className("event-name")).getText()).isEqualTo("申请提交");
    }

    private void sortBy(String table, String column) {
        driver.findElement(By.cssSelector("#" + table + " th[data-column='" + column + "'] button")).click();
    }

    private Path waitDownload(String extension) {
        Path[] found = new Path[1];
        waitUntil(() -> "a downloaded " + extension + " in " + downloads, () -> {
            try (Stream<Path> files = Files.list(downloads)) {
                // Chromium writes into *.crdownload and renames the file when it is complete
                found[0] = files.filter(file -> file.toString().endsWith(extension)).findFirst().orElse(null);
                return found[0] != null;
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        return found[0];
    }

    /** A real workbook: the scoreboard's header row and one row per prefecture the API reports. */
    private static void checkWorkbook(Path xlsx, JsonNode report) throws IOException {
        try (InputStream in = Files.newInputStream(xlsx); XSSFWorkbook workbook = new XSSFWorkbook(in)) {
            Sheet sheet = workbook.getSheet("Assessment");
            assertThat(sheet).as("sheet Assessment").isNotNull();
            DataFormatter cells = new DataFormatter();
            int header = -1;
            for (Row row : sheet) {
                if ("rank".equals(cells.formatCellValue(row.getCell(0)))) {
                    header = row.getRowNum();
                }
            }
            assertThat(header).as("the table's header row").isPositive();
            List<String> columns = new ArrayList<>();
            sheet.getRow(header).forEach(cell -> columns.add(cells.formatCellValue(cell)));
            assertThat(columns).startsWith("rank", "code", "name").contains("onTimeRate", "goodRate", "score");
            List<String> rows = new ArrayList<>();
            for (int r = header + 1; r <= sheet.getLastRowNum(); r++) {
                Row row = sheet.getRow(r);
                rows.add(cells.formatCellValue(row.getCell(1)) + " " + cells.formatCellValue(row.getCell(2)));
            }
            List<String> expected = new ArrayList<>();
            report.get("rows").forEach(row -> expected.add(row.get("code").asText() + " " + row.get("name").asText()));
            assertThat(rows).isEqualTo(expected).contains(KASHGAR + " 喀什地区");
        }
    }

    private void screenshot(String name) throws IOException {
        Path file = Path.of("target", name);
        Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
    }

    private String base() {
        return "http://127.0.0.1:" + port;
    }

    private JsonNode api(String user, String pathAndQuery) throws IOException, InterruptedException {
        String credentials = Base64.getEncoder().encodeToString((user + ":" + user + "-pass").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base() + pathAndQuery))
                .header("Authorization", "Basic " + credentials).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s: %s", pathAndQuery, response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static List<String> caseIds(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("rows").forEach(row -> ids.add(row.get("caseId").asText()));
        return ids;
    }

    /** As the page shows a count: grouped the Chinese way. */
    private static String count(JsonNode value) {
        return NumberFormat.getIntegerInstance(Locale.CHINA).format(value.asLong());
    }

    /** As the page shows a rate: percent with one decimal, half up. */
    private static String percent(JsonNode rate) {
        return rate.isNull() ? "—" : rate.decimalValue().movePointRight(2).setScale(1, RoundingMode.HALF_UP) + "%";
    }

    private List<String> column(String table, String column) {
        return driver.findElements(By.cssSelector("#" + table + " tbody td[data-column='" + column + "']"))
                .stream().map(WebElement::getText).toList();
    }

    private void waitColumn(String table, String column, List<String> expected) {
        waitUntil(() -> table + " " + column + " " + expected + ", shown " + column(table, column),
                () -> column(table, column).equals(expected));
    }

    private String text(By by) {
        return driver.findElement(by).getText();
    }

    private void waitText(By by, String expected) {
        waitUntil(() -> "'" + expected + "', shown '" + text(by) + "'", () -> text(by).equals(expected));
    }

    private void waitUntil(String what, Supplier<Boolean> condition) {
        waitUntil(() -> what, condition);
    }

    private void waitUntil(Supplier<String> what, Supplier<Boolean> condition) {
        // a bound on waiting for the page, not a measurement: the assertion is the condition itself
        new WebDriverWait(driver, Duration.ofSeconds(30)).ignoring(StaleElementReferenceException.class)
                .withMessage(what).until(d -> condition.get());
    }

    @TestConfiguration
    static class FixedClock {
        @Bean
        @Primary
        Clock fixedClock() {
            return Clock.fixed(SeedData.NOW, ZoneOffset.UTC);
        }
    }
}
