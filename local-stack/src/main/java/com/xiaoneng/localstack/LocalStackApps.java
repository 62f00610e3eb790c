package com.xiaoneng.localstack;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The applications the launcher runs as child processes from their built jars, so that local-stack needs no compile
 * dependency on them. One row per app in {@link #APPS}; later issues add theirs.
 */
final class LocalStackApps {

    /** Flink on Java 17 reflects into these JDK packages (Kryo, closure cleaning). */
    private static final List<String> FLINK_JVM_ARGS = List.of(
            "java.lang", "java.lang.reflect", "java.io", "java.net", "java.nio", "sun.nio.ch", "java.text", "java.time",
            "java.util", "java.util.concurrent", "java.util.concurrent.atomic", "java.util.concurrent.locks")
            .stream().map(p -> "--add-opens=java.base/" + p + "=ALL-UNNAMED").toList();

    /**
     * An application the launcher can start.
     *
     * @param name         as shown in the summary, used for the log file name and in SKIP
     * @param jar          path of the built jar, relative to the app dir
     * @param portVariable port variable of its HTTP server (passed as SERVER_PORT, health via /actuator/health),
     *                     or null for an app without one (healthy while its process runs)
     * @param jvmArgs      extra JVM options
     */
    record AppSpec(String name, String jar, String portVariable, List<String> jvmArgs) {
    }

    static final List<AppSpec> APPS = List.of(
            new AppSpec("command-side", "command-side/target/command-side.jar", LocalStackConfig.COMMAND_PORT, List.of()),
            new AppSpec("query-side", "query-side/target/query-side.jar", LocalStackConfig.QUERY_PORT, List.of()),
            new AppSpec("streaming", "streaming/target/streaming-job.jar", null, FLINK_JVM_ARGS));

    private static final Logger LOG = LoggerFactory.getLogger(LocalStackApps.class);
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private LocalStackApps() {
    }

    /**
     * Stops apps that a killed launcher left running on this data dir (found by their pid files), so they neither
     * hold their ports nor run twice.
     */
    static void stopLeftovers(Path pidDir) {
        for (AppSpec spec : APPS) {
            Path pidFile = pidDir.resolve(spec.name() + ".pid");
            try {
                if (!Files.exists(pidFile)) {
                    continue;
                }
                long pid = Long.parseLong(Files.readString(pidFile).trim());
                ProcessHandle.of(pid)
                        .filter(p -> p.info().commandLine().map(c -> c.contains(spec.jar())).orElse(false))
                        .ifPresent(p -> {
                            LOG.warn("Stopping {} (pid {}) left running by an earlier launcher", spec.name(), pid);
                            stop(p, spec.name());
                        });
                Files.delete(pidFile);
            } catch (IOException | NumberFormatException e) {
                LOG.warn("Could not check {} for a leftover {}: {}", pidFile, spec.name(), e.toString());
            }
        }
    }

    /** SIGTERM (Spring and Flink shut down gracefully on it), then a kill after a grace period. */
    private static void stop(ProcessHandle process, String name) {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            process.onExit().get(STOP_GRACE.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException e) {
            LOG.warn("{} did not stop within {}, killing it", name, STOP_GRACE);
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /** A started app: its process, log file, pid file and (for HTTP apps) port. */
    static final class RunningApp implements AutoCloseable {

        private final AppSpec spec;
        private final Process process;
        private final Path log;
        private final Path pidFile;
        private final BindAddress bind;
        private final int port;

        private RunningApp(AppSpec spec, Process process, Path log, Path pidFile, BindAddress bind, int port) {
            this.spec = spec;
            this.process = process;
            this.log = log;
            this.pidFile = pidFile;
            this.bind = bind;
            this.port = port;
        }

        /**
         * Starts {@code jar} with {@code java -jar}, output appended to {@code logDir/<name>.log}, pid in
         * {@code pidDir/<name>.pid} (see {@link #stopLeftovers}).
         *
         * @param env  the environment of the child: this process's plus the service addresses
         * @param bind where its HTTP server listens (SERVER_ADDRESS: Spring Boot's default is every interface)
         * @param port its HTTP port, or 0 for an app without one
         */
        static RunningApp start(AppSpec spec, Path jar, Path workDir, Path logDir, Path pidDir,
                                Map<String, String> env, BindAddress bind, int port) {
            Path log = logDir.resolve(spec.name() + ".log");
            Path pidFile = pidDir.resolve(spec.name() + ".pid");
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(spec.jvmArgs());
            command.add("-jar");
            command.add(jar.toString());
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(env);
            if (port > 0) {
                builder.environment().put("SERVER_ADDRESS", bind.host());
                builder.environment().put("SERVER_PORT", String.valueOf(port));
            }
            try {
                Files.createDirectories(logDir);
                Files.createDirectories(pidDir);
                Process process = builder.start();
                Files.writeString(pidFile, process.pid() + "\n");
                LOG.info("Started {} (pid {}), log {}", spec.name(), process.pid(), log);
                return new RunningApp(spec, process, log, pidFile, bind, port);
            } catch (IOException e) {
                throw new UncheckedIOException("could not start " + spec.name() + " from " + jar, e);
            }
        }

        String name() {
            return spec.name();
        }

        /** The HTTP root, or null for an app without a port. */
        String address() {
            return port > 0 ? "http://" + bind.urlHost() + ":" + port : null;
        }

        Path log() {
            return log;
        }

        LocalStackStatus health() {
            String detail = "log " + log;
            if (!process.isAlive()) {
                return LocalStackStatus.down(name(), address(), "exited with code " + process.exitValue() + ", " + detail);
            }
            if (port == 0) {
                return LocalStackStatus.up(name(), address(), "running (pid " + process.pid() + "), " + detail);
            }
            HttpRequest request = HttpRequest.newBuilder(URI.create(address() + "/actuator/health"))
                    .timeout(Duration.ofSeconds(3)).GET().build();
            try {
                HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && response.body().contains("\"UP\"")) {
                    return LocalStackStatus.up(name(), address(), detail);
                }
                return LocalStackStatus.down(name(), address(), "health " + response.statusCode() + ", " + detail);
            } catch (IOException e) {
                return LocalStackStatus.down(name(), address(), "not answering yet, " + detail);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return LocalStackStatus.down(name(), address(), "health check interrupted, " + detail);
            }
        }

        boolean alive() {
            return process.isAlive();
        }

        @Override
        public void close() {
            if (process.isAlive()) {
                stop(process.toHandle(), name());
                LOG.info("Stopped {}", name());
            }
            try {
                Files.deleteIfExists(pidFile);
            } catch (IOException e) {
                LOG.warn("Could not delete {}: {}", pidFile, e.toString());
            }
        }
    }
}
