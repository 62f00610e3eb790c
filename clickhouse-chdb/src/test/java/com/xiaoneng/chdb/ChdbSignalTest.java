package com.xiaoneng.chdb;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * chDB loaded into a JVM (with libjsig preloaded, as the endpoint runs) must leave the JVM's
 * SIGSEGV-based implicit null checks working: such a JVM used to hang at its first NullPointerException.
 */
class ChdbSignalTest {

    @TempDir
    Path dir;

    @Test
    void nullPointerExceptionsInCompiledCodeStillWorkAfterLoadingChdb() throws Exception {
        Path javaHome = Path.of(System.getProperty("java.home"));
        ProcessBuilder builder = new ProcessBuilder(List.of(javaHome.resolve("bin/java").toString(),
                "-cp", System.getProperty("java.class.path"), Probe.class.getName(),
                ClickHouseEndpoint.locateLibchdb().toString(), dir.resolve("data").toString()))
                .redirectErrorStream(true);
        builder.environment().put("LD_PRELOAD", javaHome.resolve("lib/server/libjsig.so").toString());
        Process process = builder.start();
        boolean exited = process.waitFor(90, TimeUnit.SECONDS);
        if (!exited) {
            process.destroyForcibly();
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(exited).as("probe finished; output:%n%s", output).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("caught 1000 NPEs").contains("after: 42");
    }

    /** Runs in the child JVM: query, then NPEs from C2-compiled code, then query again. */
    public static final class Probe {
        private int value = 1;

        public static void main(String[] args) {
            try (ChdbEngine engine = ChdbEngine.open(Path.of(args[0]), Path.of(args[1]))) {
                System.out.println("before: " + text(engine.query(Sql.utf8("SELECT 41"), "TabSeparated")));
                Probe probe = new Probe();
                long sum = 0;
                for (int i = 0; i < 2_000_000; i++) {
                    sum += read(probe);
                }
                int caught = 0;
                for (int i = 0; i < 1000; i++) {
                    try {
                        sum += read(null);
                    } catch (NullPointerException e) {
                        caught++;
                    }
                }
                System.out.println("caught " + caught + " NPEs (" + sum + ")");
                System.out.println("after: " + text(engine.query(Sql.utf8("SELECT 42"), "TabSeparated")));
            }
        }

        private static int read(Probe probe) {
            return probe.value;
        }

        private static String text(ChdbEngine.Result result) {
            return new String(result.data(), StandardCharsets.UTF_8).strip();
        }
    }
}
