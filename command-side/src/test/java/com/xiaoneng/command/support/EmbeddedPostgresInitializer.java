package com.xiaoneng.command.support;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Gives each test application context its own embedded PostgreSQL: a fresh data directory and a free
 * port (xiaoneng.embedded-postgres.*, read by EmbeddedPostgresConfig). Per context rather than per JVM
 * because Spring caches several contexts at once and two servers cannot share a port or a directory.
 * <p>
 * Directories live under {@code java.io.tmpdir/xiaoneng-test-postgres/<pid>}; a JVM cannot delete its
 * own while the servers are still shutting down, so each run removes those of JVMs that have ended.
 * Nothing happens when spring.datasource.url points at a real database.
 */
public class EmbeddedPostgresInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {
    private static final Path ROOT = Path.of(System.getProperty("java.io.tmpdir"), "xiaoneng-test-postgres");
    private static final AtomicInteger CONTEXTS = new AtomicInteger();
    private static final Path JVM_DIR = createJvmDir();

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        String url = context.getEnvironment().getProperty("spring.datasource.url");
        if (url != null && !url.equals("embedded")) {
            return;
        }
        Path dataDir = JVM_DIR.resolve("context-" + CONTEXTS.incrementAndGet());
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("embeddedPostgresForTest", Map.of(
                "xiaoneng.embedded-postgres.data-dir", dataDir.toString(),
                "xiaoneng.embedded-postgres.port", String.valueOf(freePort()))));
    }

    private static Path createJvmDir() {
        try {
            Files.createDirectories(ROOT);
            try (Stream<Path> dirs = Files.list(ROOT)) {
                dirs.filter(EmbeddedPostgresInitializer::ownerHasEnded).forEach(EmbeddedPostgresInitializer::deleteTree);
            }
            return Files.createDirectories(ROOT.resolve(String.valueOf(ProcessHandle.current().pid())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean ownerHasEnded(Path dir) {
        try {
            return ProcessHandle.of(Long.parseLong(dir.getFileName().toString())).map(p -> !p.isAlive()).orElse(true);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // another JVM may be pruning the same directory; what is left goes next time
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
