package com.xiaoneng.dashboards;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes the dashboard JSON that Grafana reads from {@code provisioning/dashboards/json/}. The JSON is
 * committed; {@code DashboardFilesTest} fails when it differs from what this writes, and
 * {@code mvn -pl dashboards test -Ddashboards.write=true} rewrites it.
 */
public final class DashboardGenerator {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private DashboardGenerator() {
    }

    /** File name to JSON text, in the committed format (two-space indent, trailing newline). */
    public static Map<String, String> render() {
        Map<String, String> files = new LinkedHashMap<>();
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                .withArrayIndenter(new DefaultIndenter("  ", "\n"));
        for (Map.Entry<String, ObjectNode> dashboard : Dashboards.all().entrySet()) {
            try {
                files.put(dashboard.getKey(), MAPPER.writer(printer).writeValueAsString(dashboard.getValue()) + "\n");
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        return files;
    }

    /** Writes every dashboard into {@code args[0]} (the dashboards JSON folder). */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: DashboardGenerator <provisioning/dashboards/json>");
        }
        write(Path.of(args[0]));
    }

    public static void write(Path folder) throws IOException {
        Files.createDirectories(folder);
        for (Map.Entry<String, String> file : render().entrySet()) {
            Files.writeString(folder.resolve(file.getKey()), file.getValue(), StandardCharsets.UTF_8);
        }
    }
}
