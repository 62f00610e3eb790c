package com.xiaoneng.systemtests;

import com.xiaoneng.localstack.kafka.KafkaBroker;
import com.xiaoneng.streaming.job.StreamingMain;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * deploy/docker-compose.yml checked without Docker (none here): it parses, every service has a pinned image,
 * every mounted file is in the repository (or is a jar its module builds), every variable is in .env.example,
 * host ports are unique, dependencies and health checks fit together, and the topics match local-stack's.
 */
@SuppressWarnings("unchecked")
class ComposeFileTest {
    static final Path DEPLOY = Path.of("..", "deploy");
    static final Pattern VARIABLE = Pattern.compile("(?<!\\$)\\$\\{([A-Za-z_][A-Za-z0-9_]*)");

    static String text;
    static Map<String, Map<String, Object>> services;
    static Map<String, Object> compose;

    @BeforeAll
    static void parse() throws IOException {
        text = Files.readString(DEPLOY.resolve("docker-compose.yml"));
        compose = new Yaml().load(text);
        services = (Map<String, Map<String, Object>>) compose.get("services");
    }

    @Test
    void everyPartOfTheStackIsThereWithItsImage() {
        assertThat(services).containsOnlyKeys("postgres", "kafka", "kafka-init", "clickhouse", "jobmanager",
                "taskmanager", "flink-job", "command-side", "query-side", "grafana");
        Map<String, String> images = new HashMap<>();
        services.forEach((name, service) -> images.put(name, (String) service.get("image")));
        assertThat(images).allSatisfy((name, image) -> assertThat(image).as(name).matches("[a-z0-9./-]+:[A-Za-z0-9._-]+"));
        assertThat(images.get("postgres")).isEqualTo("postgres:16");
        assertThat(images.get("kafka")).startsWith("apache/kafka:");
        assertThat(images.get("kafka-init")).isEqualTo(images.get("kafka"));
        assertThat(images.get("clickhouse")).startsWith("clickhouse/clickhouse-server:");
        assertThat(List.of(images.get("jobmanager"), images.get("taskmanager"), images.get("flink-job"))).containsOnly("flink:2.2");
        assertThat(List.of(images.get("command-side"), images.get("query-side"))).containsOnly("eclipse-temurin:17-jre");
        assertThat(images.get("grafana")).startsWith("grafana/grafana-oss:");
        assertThat(env("grafana")).containsEntry("GF_INSTALL_PLUGINS", "grafana-clickhouse-datasource");
    }

    @Test
    void mountedFilesExistAndJarsAreBuiltByTheirModules() {
        List<String> checked = new ArrayList<>();
        services.forEach((name, service) -> {
            for (Object volume : (List<Object>) service.getOrDefault("volumes", List.of())) {
                String source = ((String) volume).split(":")[0];
                if (!source.startsWith(".")) {
                    assertThat((Map<String, Object>) compose.get("volumes")).as(name + " volume").containsKey(source);
                    continue;
                }
                Path path = DEPLOY.resolve(source).normalize();
                if (path.toString().contains("/target/")) {
                    // a build output: its module exists and names its jar so
                    Path module = path.getParent().getParent();
                    String jarName = path.getFileName().toString().replace(".jar", "");
                    assertThat(module.resolve("pom.xml")).as(name + ": module of " + source).exists();
                    assertThat(read(module.resolve("pom.xml"))).as(name + ": finalName or outputFile of " + source)
                            .containsAnyOf("<finalName>" + jarName + "</finalName>",
                                    "<outputFile>${project.build.directory}/" + jarName + ".jar</outputFile>");
                } else {
                    assertThat(path).as(name + ": " + source).exists();
                }
                checked.add(source);
            }
        });
        assertThat(checked).contains("../command-side/target/command-side.jar", "../query-side/target/query-side.jar",
                "../streaming/target/streaming-job.jar", "../dashboards/provisioning");
    }

    @Test
    void everyVariableIsInTheExampleEnvFile() {
        Set<String> used = new TreeSet<>();
        Matcher matcher = VARIABLE.matcher(text);
        while (matcher.find()) {
            used.add(matcher.group(1));
        }
        Set<String> defined = new TreeSet<>();
        for (String line : read(DEPLOY.resolve(".env.example")).split("\n")) {
            if (line.matches("[A-Z_][A-Z0-9_]*=.*")) {
                defined.add(line.substring(0, line.indexOf('=')));
            }
        }
        assertThat(used).isNotEmpty();
        assertThat(defined).containsAll(used);
        assertThat(read(DEPLOY.resolve(".gitignore"))).contains(".env");
    }

    @Test
    void hostPortsAreUnique() {
        Map<String, String> owners = new LinkedHashMap<>();
        services.forEach((name, service) -> {
            for (Object port : (List<Object>) service.getOrDefault("ports", List.of())) {
                String[] parts = port.toString().split(":");
                String host = parts.length == 3 ? parts[0] + ":" + parts[1] : parts[0];
                String bound = host.contains(":") ? host.substring(host.lastIndexOf(':') + 1) : host;
                assertThat(owners).as("host port " + bound + " of " + name).doesNotContainKey(bound);
                owners.put(bound, name);
            }
        });
        assertThat(owners).containsKeys("8080", "8081", "3000");
    }

    @Test
    void dependenciesWaitForHealthOrCompletion() {
        services.forEach((name, service) -> {
            Map<String, Map<String, String>> dependsOn = (Map<String, Map<String, String>>) service.getOrDefault("depends_on", Map.of());
            dependsOn.forEach((target, how) -> {
                assertThat(services).as(name + " depends on " + target).containsKey(target);
                String condition = how.get("condition");
                assertThat(condition).isIn("service_started", "service_healthy", "service_completed_successfully");
                if (condition.equals("service_healthy")) {
                    assertThat(services.get(target)).as(target + " needs a healthcheck").containsKey("healthcheck");
                }
                if (condition.equals("service_completed_successfully")) {
                    assertThat(services.get(target).get("restart")).as(target + " runs once").isEqualTo("no");
                }
            });
        });
        for (String app : List.of("postgres", "kafka", "clickhouse", "jobmanager", "command-side", "query-side", "grafana")) {
            assertThat(services.get(app)).as(app).containsKey("healthcheck");
        }
        assertThat(env("command-side")).containsKeys("SPRING_DATASOURCE_URL", "KAFKA_BOOTSTRAP_SERVERS", "XIAONENG_PSEUDONYM_SECRET");
        assertThat(env("query-side")).containsKeys("CLICKHOUSE_URL", "CLICKHOUSE_USER", "CLICKHOUSE_PASSWORD");
    }

    @Test
    void topicsAndJobMatchTheProject() throws Exception {
        String topics = read(DEPLOY.resolve("kafka/create-topics.sh"));
        Matcher spec = Pattern.compile("topics=\"([^\"]+)\"").matcher(topics);
        assertThat(spec.find()).isTrue();
        Map<String, Integer> created = new LinkedHashMap<>();
        for (String entry : spec.group(1).split(" ")) {
            created.put(entry.split(":")[0], Integer.parseInt(entry.split(":")[1]));
        }
        assertThat(created).isEqualTo(KafkaBroker.DEFAULT_TOPICS);

        // the image's entrypoint turns FLINK_PROPERTIES into configuration: the submitter must go through it
        assertThat(services.get("flink-job")).doesNotContainKey("entrypoint");
        assertThat(env("flink-job")).containsKey("FLINK_PROPERTIES");
        assertThat((List<String>) services.get("jobmanager").get("entrypoint")).last().isEqualTo("flink-entrypoint");

        String submit = read(DEPLOY.resolve("flink/submit-job.sh"));
        assertThat(submit).contains("-c " + StreamingMain.class.getName());
        assertThat(submit).contains("job_name=\"" + StreamingMain.JOB_NAME + "\"");

        for (String script : List.of("kafka/create-topics.sh", "flink/submit-job.sh")) {
            Process bash = new ProcessBuilder("bash", "-n", DEPLOY.resolve(script).toString()).redirectErrorStream(true).start();
            String output = new String(bash.getInputStream().readAllBytes());
            assertThat(bash.waitFor()).as(script + ": " + output).isZero();
        }
    }

    static Map<String, Object> env(String service) {
        return (Map<String, Object>) services.get(service).get("environment");
    }

    static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
