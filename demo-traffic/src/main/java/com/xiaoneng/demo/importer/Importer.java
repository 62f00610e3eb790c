package com.xiaoneng.demo.importer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends an NDJSON file to POST /api/import as one chunked request, read from disk as it goes (never held in
 * memory): one request keeps a case's lines in one import, where the command side applies them in order and
 * decides the automatic steps after them.
 */
public final class Importer {
    private static final ObjectMapper JSON = new ObjectMapper();
    public static final String CONTENT_TYPE = "application/x-ndjson";

    private final URI base;
    private final String authorization;
    private final PrintStream progressOut;
    private final boolean terminal;
    private final HttpClient http;
    private final AtomicLong bytesSent = new AtomicLong();
    private final AtomicLong linesSent = new AtomicLong();

    /**
     * @param progressOut where the progress bar goes, or null for none
     * @param terminal    redraw one line (a terminal) rather than print a line every ten seconds
     */
    public Importer(URI base, String user, String password, PrintStream progressOut, boolean terminal) {
        this.base = base;
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        this.progressOut = progressOut;
        this.terminal = terminal;
        // HTTP/1.1: a body of unknown length goes out with Transfer-Encoding: chunked
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** Bytes of the file handed to the connection so far (for the progress bar and tests). */
    public long bytesSent() {
        return bytesSent.get();
    }

    public long linesSent() {
        return linesSent.get();
    }

    /**
     * Streams {@code file} and waits for the answer (no time limit: a large file takes minutes).
     *
     * @throws ImportFailedException when there is no answer, or an answer other than 2xx
     */
    public ImportResult run(Path file) throws IOException, InterruptedException {
        long size = Files.size(file);
        TransferProgress progress = progressOut == null ? null : new TransferProgress(progressOut, terminal, size);
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/api/import"))
                .header("Content-Type", CONTENT_TYPE)
                .header("Accept", "application/json")
                .header("Authorization", authorization)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> counting(file)))
                .build();
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "import-progress");
            thread.setDaemon(true);
            return thread;
        });
        if (progress != null) {
            ticker.scheduleAtFixedRate(() -> progress.show(bytesSent.get(), linesSent.get()), 0, 250, TimeUnit.MILLISECONDS);
        }
        long started = System.nanoTime();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ImportFailedException("no answer from " + base + " after " + bytesSent.get() + " bytes ("
                    + linesSent.get() + " lines): " + e, e);
        } finally {
            ticker.shutdownNow();
            if (progress != null) {
                progress.finish(bytesSent.get(), linesSent.get());
            }
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        if (response.statusCode() / 100 != 2) {
            throw new ImportFailedException("POST " + request.uri() + " answered " + response.statusCode()
                    + (response.body().isBlank() ? "" : ": " + response.body()), null);
        }
        return result(response.body(), bytesSent.get(), elapsed);
    }

    static ImportResult result(String body, long bytes, Duration elapsed) throws IOException {
        JsonNode json = JSON.readTree(body);
        List<ImportResult.Rejection> rejections = new ArrayList<>();
        for (JsonNode r : json.path("rejections")) {
            rejections.add(new ImportResult.Rejection(r.path("line").asLong(), text(r, "caseId"), text(r, "rule"),
                    text(r, "field"), text(r, "message")));
        }
        return new ImportResult(json.path("lines").asLong(), json.path("applied").asLong(),
                json.path("duplicates").asLong(), json.path("rejected").asLong(), json.path("automaticSteps").asLong(),
                rejections, bytes, elapsed);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    /** The file as the request body, counting bytes and line ends as the client reads them. */
    private InputStream counting(Path file) {
        bytesSent.set(0);
        linesSent.set(0);
        try {
            return new FilterInputStream(Files.newInputStream(file)) {
                @Override
                public int read() throws IOException {
                    int b = super.read();
                    if (b >= 0) {
                        bytesSent.incrementAndGet();
                        if (b == '\n') {
                            linesSent.incrementAndGet();
                        }
                    }
                    return b;
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    int n = super.read(buffer, offset, length);
                    if (n > 0) {
                        int lines = 0;
                        for (int i = offset; i < offset + n; i++) {
                            if (buffer[i] == '\n') {
                                lines++;
                            }
                        }
                        bytesSent.addAndGet(n);
                        linesSent.addAndGet(lines);
                    }
                    return n;
                }
            };
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** The import did not complete: no answer (connection refused or broken) or an error status. */
    public static final class ImportFailedException extends IOException {
        ImportFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
