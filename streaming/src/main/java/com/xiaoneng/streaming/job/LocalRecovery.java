package com.xiaoneng.streaming.job;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds the checkpoint an embedded (MiniCluster) run resumes from: the newest complete retained
 * checkpoint {@code <dir>/<job id>/chk-<n>/_metadata} left by an earlier run. A cluster restores
 * through {@code flink run -s} instead. The run also records its state backend there, so that the next one
 * restores with the backend that wrote the checkpoints.
 */
final class LocalRecovery {
    private LocalRecovery() {
    }

    /** Beside the checkpoints: the state backend that wrote them (a checkpoint restores only into its own). */
    static final String BACKEND_FILE = "state-backend";

    /** The backend of the checkpoints in {@code checkpointDir}; hashmap for those written before it was recorded. */
    static String backendOfCheckpoints(Path checkpointDir) {
        Path file = checkpointDir.resolve(BACKEND_FILE);
        try {
            return Files.isRegularFile(file) ? Files.readString(file).strip() : "hashmap";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void recordBackend(Path checkpointDir, String backend) {
        try {
            Files.createDirectories(checkpointDir);
            Files.writeString(checkpointDir.resolve(BACKEND_FILE), backend + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Optional<Path> latestCheckpoint(Path checkpointDir) {
        if (!Files.isDirectory(checkpointDir)) {
            return Optional.empty();
        }
        try (Stream<Path> jobs = Files.list(checkpointDir)) {
            return jobs.filter(Files::isDirectory)
                    .flatMap(LocalRecovery::checkpoints)
                    .filter(chk -> Files.isRegularFile(chk.resolve("_metadata")))
                    .max(Comparator.comparing(chk -> modified(chk.resolve("_metadata"))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Stream<Path> checkpoints(Path jobDir) {
        try (Stream<Path> children = Files.list(jobDir)) {
            return children.filter(child -> child.getFileName().toString().startsWith("chk-")).toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
