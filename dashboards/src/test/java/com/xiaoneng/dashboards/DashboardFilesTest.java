package com.xiaoneng.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The committed provisioning files: they parse, agree with each other and with the generator. */
class DashboardFilesTest {
    static final Path PROVISIONING = Path.of(System.getProperty("dashboards.provisioning", "provisioning"));
    static final Path JSON_FOLDER = PROVISIONING.resolve("dashboards/json");
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern CHINESE = Pattern.compile("\\p{IsHan}");
    private static final Pattern VARIABLE_USE = Pattern.compile("\\$\\{(\\w+)(?::\\w+)?}|\\$(\\w+)");

    private static boolean regenerated;

    /** With -Ddashboards.write=true, rewrites the JSON once, before any test class reads it. */
    @BeforeAll
    static synchronized void regenerateWhenAsked() throws IOException {
        if (Boolean.getBoolean("dashboards.write") && !regenerated) {
            DashboardGenerator.write(JSON_FOLDER);
            regenerated = true;
        }
    }

    /** Every committed dashboard, parsed, by file name. */
    static Map<String, JsonNode> dashboards() throws IOException {
        regenerateWhenAsked();
        Map<String, JsonNode> dashboards = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(JSON_FOLDER)) {
            for (Path file : files.sorted().toList()) {
                dashboards.put(file.getFileName().toString(), MAPPER.readTree(file.toFile()));
            }
        }
        return dashboards;
    }

    static List<JsonNode> panels(JsonNode dashboard) {
        List<JsonNode> panels = new ArrayList<>();
        dashboard.get("panels").forEach(panels::add);
        return panels;
    }

    @Test
    void committedJsonIsWhatTheGeneratorWrites() throws IOException {
        Map<String, String> generated = DashboardGenerator.render();
        try (Stream<Path> files = Files.list(JSON_FOLDER)) {
            assertThat(files.map(f -> f.getFileName().toString()).sorted().toList())
                    .containsExactlyElementsOf(generated.keySet());
        }
        for (Map.Entry<String, String> file : generated.entrySet()) {
            List<String> committed = Files.readString(JSON_FOLDER.resolve(file.getKey()), StandardCharsets.UTF_8)
                    .lines().toList();
            List<String> expected = file.getValue().lines().toList();
            int line = 0;
            while (line < Math.min(committed.size(), expected.size()) && committed.get(line).equals(expected.get(line))) {
                line++;
            }
            assertThat(line == committed.size() && line == expected.size())
                    .as("%s differs from the generator at line %d (run mvn -pl dashboards test -Ddashboards.write=true):"
                                    + "%n  committed: %s%n  generated: %s", file.getKey(), line + 1,
                            line < committed.size() ? committed.get(line) : "(end)",
                            line < expected.size() ? expected.get(line) : "(end)")
                    .isTrue();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void datasourceIsTheClickHousePluginOverHttpConfiguredFromTheEnvironment() throws IOException {
        Map<String, Object> file = yaml(PROVISIONING.resolve("datasources/clickhouse.yaml"));
        assertThat(file.get("apiVersion")).isEqualTo(1);
        List<Map<String, Object>> datasources = (List<Map<String, Object>>) file.get("datasources");
        assertThat(datasources).hasSize(1);
        Map<String, Object> datasource = datasources.get(0);
        assertThat(datasource.get("uid")).isEqualTo(Grafana.DATASOURCE_UID);
        assertThat(datasource.get("type")).isEqualTo(Grafana.DATASOURCE_TYPE);
        Map<String, Object> jsonData = (Map<String, Object>) datasource.get("jsonData");
        assertThat(jsonData).containsEntry("protocol", "http")
                .containsEntry("host", "${CLICKHOUSE_HOST}")
                .containsEntry("port", "${CLICKHOUSE_PORT}")
                .containsEntry("username", "${CLICKHOUSE_USER}")
                .containsEntry("defaultDatabase", "${CLICKHOUSE_DATABASE}");
        assertThat((Map<String, Object>) datasource.get("secureJsonData"))
                .containsEntry("password", "${CLICKHOUSE_PASSWORD}");
    }

    @Test
    @SuppressWarnings("unchecked")
    void fileProviderLoadsTheJsonFolderIntoTheXiaonengFolder() throws IOException {
        Map<String, Object> file = yaml(PROVISIONING.resolve("dashboards/xiaoneng.yaml"));
        List<Map<String, Object>> providers = (List<Map<String, Object>>) file.get("providers");
        assertThat(providers).hasSize(1);
        Map<String, Object> provider = providers.get(0);
        assertThat(provider).containsEntry("type", "file").containsEntry("folder", "效能 Xiaoneng")
                .containsEntry("folderUid", "xiaoneng");
        String path = (String) ((Map<String, Object>) provider.get("options")).get("path");
        // as Grafana resolves it with GF_PATHS_PROVISIONING pointing at this folder
        Path resolved = Path.of(path.replace("${GF_PATHS_PROVISIONING}", PROVISIONING.toString()));
        assertThat(resolved.normalize()).isEqualTo(JSON_FOLDER.normalize());
        assertThat(dashboards()).hasSize(5);
    }

    @Test
    void dashboardsHaveUniqueUidsAndChineseTitles() throws IOException {
        Set<String> uids = new HashSet<>();
        for (JsonNode dashboard : dashboards().values()) {
            assertThat(uids.add(dashboard.get("uid").asText())).as("uid %s", dashboard.get("uid")).isTrue();
            assertThat(dashboard.get("uid").asText()).matches("[a-z0-9-]{1,40}");
            assertThat(dashboard.get("title").asText()).containsPattern(CHINESE);
            assertThat(dashboard.has("id")).as("provisioned dashboards carry no id").isFalse();
        }
    }

    @Test
    void everyPanelUsesTheProvisionedDatasourceAndHasAUniqueId() throws IOException {
        for (Map.Entry<String, JsonNode> dashboard : dashboards().entrySet()) {
            Set<Integer> ids = new HashSet<>();
            for (JsonNode panel : panels(dashboard.getValue())) {
                String where = dashboard.getKey() + " panel " + panel.get("title").asText();
                assertThat(ids.add(panel.get("id").asInt())).as("%s: id %s repeated", where, panel.get("id")).isTrue();
                assertThat(panel.at("/datasource/uid").asText()).as(where).isEqualTo(Grafana.DATASOURCE_UID);
                assertThat(panel.at("/datasource/type").asText()).as(where).isEqualTo(Grafana.DATASOURCE_TYPE);
                assertThat(panel.get("targets")).as(where).isNotEmpty();
                for (JsonNode target : panel.get("targets")) {
                    assertThat(target.at("/datasource/uid").asText()).as(where).isEqualTo(Grafana.DATASOURCE_UID);
                    assertThat(target.get("editorType").asText()).as(where).isEqualTo("sql");
                    assertThat(target.get("rawSql").asText()).as(where).isNotBlank();
                }
                assertThat(panel.get("title").asText()).as(where).containsPattern(CHINESE);
                assertThat(panel.get("description").asText()).as(where).matches("[A-Z].*\\.");
                JsonNode grid = panel.get("gridPos");
                assertThat(grid.get("x").asInt() + grid.get("w").asInt()).as(where).isLessThanOrEqualTo(24);
                for (JsonNode override : panel.at("/fieldConfig/overrides")) {
                    JsonNode displayName = override.get("properties").get(0);
                    assertThat(displayName.get("id").asText()).isEqualTo("displayName");
                    assertThat(displayName.get("value").asText()).as(where).containsPattern(CHINESE);
                }
            }
        }
    }

    @Test
    void everyPanelFiltersOnTheTemplateVariablesAndUsesNoOther() throws IOException {
        for (Map.Entry<String, JsonNode> dashboard : dashboards().entrySet()) {
            Set<String> defined = new HashSet<>();
            for (JsonNode variable : dashboard.getValue().at("/templating/list")) {
                defined.add(variable.get("name").asText());
            }
            assertThat(defined).contains("prefecture", "agency", "item_type");
            for (JsonNode panel : panels(dashboard.getValue())) {
                String sql = panel.at("/targets/0/rawSql").asText();
                assertThat(sql).as("%s %s", dashboard.getKey(), panel.get("title"))
                        .contains("$__conditionalAll(handling_prefecture IN (${prefecture:singlequote}), $prefecture)",
                                "$__conditionalAll(agency_code IN (${agency:singlequote}), $agency)",
                                "IN (${item_type:singlequote})", ", $item_type)");
                Matcher uses = VARIABLE_USE.matcher(sql);
                while (uses.find()) {
                    String name = uses.group(1) != null ? uses.group(1) : uses.group(2);
                    if (!name.startsWith("__")) {
                        assertThat(defined).as("%s uses $%s", dashboard.getKey(), name).contains(name);
                    }
                }
            }
        }
    }

    @Test
    void prefectureAndItemTypeVariablesShowChineseNamesAndSubstituteCodes() throws IOException {
        JsonNode variables = dashboards().get("01-overview.json").at("/templating/list");
        JsonNode prefecture = variables.get(0);
        assertThat(prefecture.get("name").asText()).isEqualTo("prefecture");
        assertThat(prefecture.get("type").asText()).isEqualTo("custom");
        assertThat(prefecture.get("query").asText()).startsWith("乌鲁木齐市 : 650100,克拉玛依市 : 650200,")
                .contains("喀什地区 : 653100", "自治区直辖县级行政区划 : 659000");
        assertThat(prefecture.get("includeAll").asBoolean()).isTrue();
        JsonNode itemType = variables.get(2);
        assertThat(itemType.get("query").asText()).contains("行政许可 : LICENSE", "公共服务 : PUBLIC_SERVICE");
        JsonNode agency = variables.get(1);
        assertThat(agency.get("type").asText()).isEqualTo("query");
        assertThat(agency.at("/datasource/uid").asText()).isEqualTo(Grafana.DATASOURCE_UID);
    }

    @Test
    void auditTablesLinkEachCaseIdToTheWorkbench() throws IOException {
        JsonNode audit = dashboards().get("05-audit.json");
        JsonNode workbench = null;
        for (JsonNode variable : audit.at("/templating/list")) {
            if (variable.get("name").asText().equals("workbench_url")) {
                workbench = variable;
            }
        }
        assertThat(workbench).isNotNull();
        assertThat(workbench.get("type").asText()).isEqualTo("textbox");
        assertThat(workbench.get("query").asText()).isEqualTo("http://127.0.0.1:8081");
        int linkedTables = 0;
        for (JsonNode panel : panels(audit)) {
            if (!panel.get("type").asText().equals("table")) {
                continue;
            }
            boolean linked = false;
            for (JsonNode override : panel.at("/fieldConfig/overrides")) {
                if (override.at("/matcher/options").asText().equals("case_id")) {
                    for (JsonNode property : override.get("properties")) {
                        if (property.get("id").asText().equals("links")) {
                            assertThat(property.at("/value/0/url").asText())
                                    .isEqualTo("${workbench_url}/workbench/#/cases/${__value.raw}");
                            linked = true;
                        }
                    }
                }
            }
            assertThat(linked).as("case ids of %s link to the workbench", panel.get("title")).isTrue();
            linkedTables++;
        }
        assertThat(linkedTables).isEqualTo(3);
    }

    private static Map<String, Object> yaml(Path file) throws IOException {
        return new Yaml().load(Files.readString(file, StandardCharsets.UTF_8));
    }
}
