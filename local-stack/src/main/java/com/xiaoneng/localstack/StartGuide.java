package com.xiaoneng.localstack;

import com.xiaoneng.localstack.LocalStackStatus.State;
import com.xiaoneng.chdb.ClickHouseUser;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What the launcher prints once everything is up: where to click, who to sign in as, how to add Grafana. */
final class StartGuide {
    private StartGuide() {
    }

    static String text(List<LocalStackStatus> statuses, Map<String, String> appEnvironment,
                       Map<String, ClickHouseUser> clickHouseUsers, LocalStackConfig config, DemoTraffic.Settings traffic) {
        StringBuilder out = new StringBuilder("\nTry it\n");
        Optional<String> command = up(statuses, "command-side");
        Optional<String> query = up(statuses, "query-side");
        command.ifPresent(url -> out.append(String.format("  %-13s %s  (POST /api/cases …, GET /api/catalog/items; README)%n",
                "command side", url)));
        query.ifPresent(url -> {
            out.append(String.format("  %-13s %s/workbench/  (audit workbench: sign in as auditor or supervisor)%n", "workbench", url));
            out.append(String.format("  %-13s %s/swagger-ui.html  (metrics, audit lists, reports)%n", "query API", url));
        });
        Optional<URI> clickHouse = clickHouseHttp(statuses, appEnvironment);
        String database = appEnvironment.getOrDefault("CLICKHOUSE_DATABASE",
                config.environment().getOrDefault("CLICKHOUSE_DATABASE", "xiaoneng"));
        ClickHouseUser grafana = clickHouseUsers.get("grafana");
        clickHouse.ifPresent(uri -> {
            out.append(String.format("  %-13s %s  (HTTP, database %s)%n", "ClickHouse", uri, database));
            if (grafana != null) {
                clickHouseUsers.forEach((app, user) -> out.append(String.format("  %-13s %-12s %s, password %s%n", "",
                        user.name(), role(app, user), !user.readOnly() && config.clickHousePassword() != null
                                ? "from CLICKHOUSE_PASSWORD" : "in " + config.passwordFile(LocalStack.passwordName(user)))));
            }
        });
        if (up(statuses, "postgres").isPresent()) {
            out.append(String.format("  %-13s user %s, password in %s%n", "PostgreSQL", appEnvironment.get("SPRING_DATASOURCE_USERNAME"),
                    config.passwordFile("postgres")));
        }
        out.append("\n  users         password <name>-pass: leader, auditor, supervisor, agency, admin (all of Xinjiang, 650000);\n")
                .append("                leader-kashgar, agency-kashgar (喀什地区 653100)\n");
        clickHouse.ifPresent(uri -> out.append("\n  Grafana       with the grafana-clickhouse-datasource plugin, from the repository root:\n")
                .append("                GF_PATHS_PROVISIONING=").append(config.appDir().resolve("dashboards").resolve("provisioning"))
                .append(" CLICKHOUSE_HOST=").append(uri.getHost())
                .append(" CLICKHOUSE_PORT=").append(uri.getPort() == -1 ? 8123 : uri.getPort())
                .append(" CLICKHOUSE_USER=").append(grafana != null ? grafana.name()
                        : appEnvironment.getOrDefault("CLICKHOUSE_USER", "default"))
                .append(" CLICKHOUSE_PASSWORD=").append(grafana != null
                        ? "\"$(cat " + config.passwordFile(LocalStack.passwordName(grafana)) + ")\""
                        : appEnvironment.getOrDefault("CLICKHOUSE_PASSWORD", "").isEmpty() ? "''" : "<its password>")
                .append(" CLICKHOUSE_DATABASE=").append(database).append(" grafana server\n")
                .append("                (or the docker run line in dashboards/README.md); folder 效能 Xiaoneng\n"));
        out.append('\n');
        if (!traffic.enabled()) {
            out.append("  traffic       none (SIMULATE=off)\n");
        } else if (command.isEmpty()) {
            out.append("  traffic       none: the command side is not running\n");
        } else {
            out.append(String.format("  traffic       simulated cases at %s commands/s (SIMULATE_RATE; SIMULATE=off for none),%n",
                    plain(traffic.rate())))
                    .append("                after a backfilled year of history on the first start (BACKFILL_CASES_PER_DAY ")
                    .append(traffic.backfillCasesPerDay()).append(")\n");
        }
        return out.toString();
    }

    private static String role(String app, ClickHouseUser user) {
        if (!user.readOnly()) {
            return "writer (" + app + ")";
        }
        return "read-only" + (user.ownTables().isEmpty() ? "" : " + " + String.join(", ", user.ownTables())) + " (" + app + ")";
    }

    private static Optional<String> up(List<LocalStackStatus> statuses, String name) {
        return statuses.stream().filter(s -> s.name().equals(name) && s.state() == State.UP && s.address() != null)
                .map(LocalStackStatus::address).findFirst();
    }

    /** The embedded endpoint's address, or the host and port of an outside ClickHouse's URL. */
    private static Optional<URI> clickHouseHttp(List<LocalStackStatus> statuses, Map<String, String> appEnvironment) {
        Optional<String> embedded = up(statuses, "clickhouse");
        if (embedded.isPresent()) {
            return embedded.map(URI::create);
        }
        String url = appEnvironment.get("CLICKHOUSE_URL");
        if (url == null) {
            return Optional.empty();
        }
        URI uri = URI.create(url.startsWith("jdbc:") ? url.substring(5) : url);
        return uri.getHost() == null ? Optional.empty()
                : Optional.of(URI.create("http://" + uri.getHost() + ":" + (uri.getPort() == -1 ? 8123 : uri.getPort())));
    }

    private static String plain(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }
}
