package com.xiaoneng.dashboards;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.xiaoneng.events.ItemType;
import com.xiaoneng.regions.Regions;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** Builders for the parts of Grafana dashboard JSON these dashboards use. */
final class Grafana {
    static final String DATASOURCE_TYPE = "grafana-clickhouse-datasource";
    static final String DATASOURCE_UID = "xiaoneng-clickhouse";
    static final String TAG = "xiaoneng";
    static final String WORKBENCH_DEFAULT = "http://127.0.0.1:8081";
    static final String CASE_LINK = "${workbench_url}/workbench/#/cases/${__value.raw}";

    static final Map<String, String> ITEM_TYPE_NAMES = itemTypeNames();

    /** Counts that should be zero: shown red from 1 on. */
    private static final Set<String> ALARMS = Set.of("open_overdue", "rectification_overdue", "unrectified_bad_ratings");

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    // v4 of the plugin migrates queries without a version as v3 ones
    private static final String PLUGIN_VERSION = "4.0.0";

    private Grafana() {
    }

    /** A result column the panel shows: its name in the SQL, its Chinese label, a Grafana unit (or null). */
    record Column(String name, String label, String unit) {
        static Column count(String name, String label) {
            return new Column(name, label, "none");
        }

        static Column percent(String name, String label) {
            return new Column(name, label, "percentunit");
        }

        static Column text(String name, String label) {
            return new Column(name, label, null);
        }

        static Column time(String name, String label) {
            return new Column(name, label, "dateTimeAsIso");
        }
    }

    enum Kind {
        STAT("stat", 1), TABLE("table", 1), TIMESERIES("timeseries", 0), BARCHART("barchart", 1);

        final String type;
        // the plugin's query format: 0 time series (long frames pivoted per series), 1 table
        final int format;

        Kind(String type, int format) {
            this.type = type;
            this.format = format;
        }
    }

    /** One panel before layout. */
    record Panel(Kind kind, String title, String description, String sql, int width, int height, List<Column> columns) {
        static Panel of(Kind kind, String title, String description, String sql, int width, int height,
                        Column... columns) {
            return new Panel(kind, title, description, sql, width, height, List.of(columns));
        }
    }

    static ObjectNode dashboard(String uid, String title, String description, List<ObjectNode> variables,
                                List<Panel> panels) {
        ObjectNode dashboard = JSON.objectNode();
        dashboard.put("uid", uid);
        dashboard.put("title", title);
        dashboard.put("description", description);
        dashboard.set("tags", JSON.arrayNode().add(TAG).add("效能"));
        // relative ranges (now/M, now/d) round at Beijing midnight, matching the local days counted
        dashboard.put("timezone", "Asia/Shanghai");
        dashboard.put("weekStart", "monday");
        dashboard.put("editable", true);
        dashboard.put("graphTooltip", 1);
        dashboard.put("refresh", "5m");
        dashboard.put("schemaVersion", 39);
        dashboard.put("version", 1);
        ObjectNode time = dashboard.putObject("time");
        time.put("from", "now/M");
        time.put("to", "now");
        dashboard.putObject("annotations").putArray("list");
        ObjectNode links = dashboard.putArray("links").addObject();
        links.put("title", "效能 dashboards");
        links.put("type", "dashboards");
        links.set("tags", JSON.arrayNode().add(TAG));
        links.put("asDropdown", true);
        links.put("keepTime", true);
        links.put("includeVars", true);
        ArrayNode list = dashboard.putObject("templating").putArray("list");
        variables.forEach(list::add);
        ArrayNode panelArray = dashboard.putArray("panels");
        int id = 1;
        int x = 0;
        int y = 0;
        int rowHeight = 0;
        for (Panel panel : panels) {
            if (x + panel.width() > 24) {
                x = 0;
                y += rowHeight;
                rowHeight = 0;
            }
            panelArray.add(panel(id++, panel, x, y));
            x += panel.width();
            rowHeight = Math.max(rowHeight, panel.height());
        }
        return dashboard;
    }

    private static ObjectNode panel(int id, Panel panel, int x, int y) {
        ObjectNode node = JSON.objectNode();
        node.put("id", id);
        node.put("type", panel.kind().type);
        node.put("title", panel.title());
        node.put("description", panel.description());
        node.set("datasource", datasource());
        ObjectNode grid = node.putObject("gridPos");
        grid.put("h", panel.height());
        grid.put("w", panel.width());
        grid.put("x", x);
        grid.put("y", y);
        ObjectNode target = node.putArray("targets").addObject();
        target.put("refId", "A");
        target.set("datasource", datasource());
        target.put("editorType", "sql");
        target.put("queryType", panel.kind() == Kind.TIMESERIES ? "timeseries" : "table");
        target.put("format", panel.kind().format);
        target.put("pluginVersion", PLUGIN_VERSION);
        target.put("rawSql", panel.sql());
        ObjectNode fieldConfig = node.putObject("fieldConfig");
        ObjectNode defaults = fieldConfig.putObject("defaults");
        ArrayNode overrides = fieldConfig.putArray("overrides");
        for (Column column : panel.columns()) {
            ObjectNode override = overrides.addObject();
            ObjectNode matcher = override.putObject("matcher");
            matcher.put("id", "byName");
            matcher.put("options", column.name());
            ArrayNode properties = override.putArray("properties");
            property(properties, "displayName", column.label());
            if (column.unit() != null) {
                property(properties, "unit", column.unit());
            }
            if (ALARMS.contains(column.name())) {
                ObjectNode thresholds = properties.addObject().put("id", "thresholds").putObject("value");
                thresholds.put("mode", "absolute");
                ArrayNode steps = thresholds.putArray("steps");
                steps.addObject().put("color", "green").putNull("value");
                steps.addObject().put("color", "red").put("value", 1);
                properties.addObject().put("id", "color").putObject("value").put("mode", "thresholds");
            }
            if ("percentunit".equals(column.unit())) {
                properties.addObject().put("id", "decimals").put("value", 1);
            }
            if (column.name().equals("case_id")) {
                ObjectNode link = properties.addObject().put("id", "links").putArray("value").addObject();
                link.put("title", "在审计工作台打开 (open in the audit workbench)");
                link.put("url", CASE_LINK);
                link.put("targetBlank", true);
            }
        }
        ObjectNode options = node.putObject("options");
        switch (panel.kind()) {
            case STAT -> {
                ObjectNode reduce = options.putObject("reduceOptions");
                reduce.set("calcs", JSON.arrayNode().add("lastNotNull"));
                reduce.put("fields", "");
                reduce.put("values", false);
                options.put("colorMode", "value");
                options.put("graphMode", "none");
                options.put("textMode", "value_and_name");
                options.put("justifyMode", "auto");
                options.put("orientation", "auto");
                ObjectNode steps = defaults.putObject("thresholds");
                steps.put("mode", "absolute");
                steps.putArray("steps").addObject().put("color", "blue").putNull("value");
                defaults.putObject("color").put("mode", "thresholds");
            }
            case TABLE -> {
                options.put("showHeader", true);
                options.put("cellHeight", "sm");
                defaults.putObject("custom").put("filterable", true);
            }
            case TIMESERIES -> {
                legend(options);
                ObjectNode custom = defaults.putObject("custom");
                custom.put("drawStyle", "line");
                custom.put("lineWidth", 2);
                custom.put("fillOpacity", 10);
                custom.put("showPoints", "auto");
                custom.put("spanNulls", false);
            }
            case BARCHART -> {
                legend(options);
                options.put("xField", panel.columns().get(0).name());
                options.put("orientation", "auto");
                options.put("showValue", "auto");
            }
        }
        return node;
    }

    private static void legend(ObjectNode options) {
        ObjectNode legend = options.putObject("legend");
        legend.put("displayMode", "list");
        legend.put("placement", "bottom");
        legend.put("showLegend", true);
        ObjectNode tooltip = options.putObject("tooltip");
        tooltip.put("mode", "multi");
        tooltip.put("sort", "none");
    }

    private static void property(ArrayNode properties, String id, String value) {
        properties.addObject().put("id", id).put("value", value);
    }

    static ObjectNode datasource() {
        ObjectNode datasource = JSON.objectNode();
        datasource.put("type", DATASOURCE_TYPE);
        datasource.put("uid", DATASOURCE_UID);
        return datasource;
    }

    /** The three filters every dashboard has. */
    static List<ObjectNode> filterVariables() {
        List<ObjectNode> variables = new ArrayList<>();
        variables.add(custom("prefecture", "地州市", Regions.xinjiangPrefectures()));
        ObjectNode agency = multiValue(JSON.objectNode(), "agency", "实施机构");
        agency.put("type", "query");
        agency.set("datasource", datasource());
        String sql = "SELECT agency_code AS value, ifNull(any(agency_name), agency_code) AS text\n"
                + "FROM case_facts\n"
                + "WHERE agency_code IS NOT NULL AND " + Sql.PREFECTURE + "\n"
                + "GROUP BY agency_code\nORDER BY agency_code";
        agency.put("query", sql);
        agency.put("definition", sql);
        // reloaded with the dashboard, and whenever the prefecture it depends on changes
        agency.put("refresh", 1);
        agency.put("sort", 0);
        agency.putArray("options");
        variables.add(agency);
        variables.add(custom("item_type", "事项类型", ITEM_TYPE_NAMES));
        return variables;
    }

    /** Where the case-id links of the audit tables lead; a textbox so that each deployment can set it. */
    static ObjectNode workbenchVariable() {
        ObjectNode variable = JSON.objectNode();
        variable.put("type", "textbox");
        variable.put("name", "workbench_url");
        variable.put("label", "审计工作台地址");
        variable.put("description", "Base URL of the query side serving the audit workbench");
        variable.put("query", WORKBENCH_DEFAULT);
        ObjectNode current = variable.putObject("current");
        current.put("text", WORKBENCH_DEFAULT);
        current.put("value", WORKBENCH_DEFAULT);
        variable.putArray("options").addObject()
                .put("selected", true).put("text", WORKBENCH_DEFAULT).put("value", WORKBENCH_DEFAULT);
        variable.put("hide", 0);
        return variable;
    }

    /** A multi-value custom variable of "name : code" pairs (Grafana shows the name, substitutes the code). */
    private static ObjectNode custom(String name, String label, Map<String, String> namesByCode) {
        ObjectNode variable = multiValue(JSON.objectNode(), name, label);
        variable.put("type", "custom");
        List<String> pairs = new ArrayList<>();
        ArrayNode options = variable.putArray("options");
        options.addObject().put("selected", true).put("text", "All").put("value", "$__all");
        namesByCode.forEach((code, text) -> {
            pairs.add(text + " : " + code);
            options.addObject().put("selected", false).put("text", text).put("value", code);
        });
        variable.put("query", String.join(",", pairs));
        return variable;
    }

    private static ObjectNode multiValue(ObjectNode variable, String name, String label) {
        variable.put("name", name);
        variable.put("label", label);
        variable.put("multi", true);
        // "All" makes $__conditionalAll drop the condition instead of listing every value
        variable.put("includeAll", true);
        ObjectNode current = variable.putObject("current");
        current.set("text", JSON.arrayNode().add("All"));
        current.set("value", JSON.arrayNode().add("$__all"));
        variable.put("hide", 0);
        return variable;
    }

    private static Map<String, String> itemTypeNames() {
        Map<String, String> chinese = Map.of(
                "LICENSE", "行政许可", "CONFIRMATION", "行政确认", "ADJUDICATION", "行政裁决",
                "PAYMENT", "行政给付", "OTHER_POWER", "其他行政权力", "PUBLIC_SERVICE", "公共服务");
        Map<String, String> names = new LinkedHashMap<>();
        for (ItemType type : ItemType.values()) {
            names.put(type.name(), Objects.requireNonNull(chinese.get(type.name()), "no Chinese name for " + type));
        }
        return names;
    }
}
