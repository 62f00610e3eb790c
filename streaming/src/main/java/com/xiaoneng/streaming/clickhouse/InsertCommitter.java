package com.xiaoneng.streaming.clickhouse;

import org.apache.flink.api.connector.sink2.Committer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sends each staged insert of a completed checkpoint over ClickHouse's HTTP interface, under its token. While
 * ClickHouse is unreachable or failing, it retries with backoff and without end (the task waits: backpressure,
 * not loss); an insert that landed but whose answer was lost is sent again and dropped by the table's
 * deduplication window. An insert refused for its data fails the job: a count left out would be wrong
 * forever, so it is not set aside as events are.
 */
final class InsertCommitter implements Committer<StagedInsert> {
    private static final Logger LOG = LoggerFactory.getLogger(InsertCommitter.class);
    private static final Pattern CODE = Pattern.compile("Code: (\\d+)");

    private final ClickHouseSettings settings;
    private final URI endpoint;
    private final HttpClient client;

    InsertCommitter(ClickHouseSettings settings) {
        this.settings = settings;
        this.endpoint = settings.httpEndpoint();
        this.client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    @Override
    public void commit(Collection<CommitRequest<StagedInsert>> requests) throws IOException, InterruptedException {
        for (CommitRequest<StagedInsert> request : requests) {
            try {
                sendUntilAccepted(request.getCommittable());
            } catch (RefusedInsertException e) {
                request.signalFailedWithUnknownReason(e);
            }
        }
    }

    private void sendUntilAccepted(StagedInsert insert) throws InterruptedException, RefusedInsertException {
        long backoff = settings.minBackoff().toMillis();
        for (int attempt = 1; ; attempt++) {
            String failure;
            try {
                HttpResponse<String> response = client.send(request(insert), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    if (attempt > 1) {
                        LOG.info("{}.{}: {} rows ({}) inserted after {} attempts", insert.database(), insert.table(),
                                insert.rows(), insert.token(), attempt);
                    }
                    return;
                }
                int code = errorCode(response);
                if (ClickHouseSinkWriter.DATA_ERRORS.contains(code)) {
                    throw new RefusedInsertException(insert, response.body());
                }
                failure = "HTTP " + response.statusCode() + ": " + response.body().strip();
            } catch (IOException e) {
                failure = e.toString();
            }
            LOG.warn("{}.{}: inserting {} rows ({}) failed (attempt {}), retrying in {} ms: {}", insert.database(),
                    insert.table(), insert.rows(), insert.token(), attempt, backoff, failure);
            Thread.sleep(backoff);
            backoff = Math.min(backoff * 2, settings.maxBackoff().toMillis());
        }
    }

    HttpRequest request(StagedInsert insert) {
        String query = "query=" + encode(insert.sql())
                + "&insert_deduplicate=1&insert_deduplication_token=" + encode(insert.token())
                // the token only works on a synchronous insert; the answer comes once the part is written
                + "&async_insert=0&wait_end_of_query=1";
        return HttpRequest.newBuilder(endpoint.resolve("/?" + query))
                .timeout(Duration.ofMinutes(2))
                .header("X-ClickHouse-User", settings.user())
                .header("X-ClickHouse-Key", settings.password())
                .header("Content-Type", "text/tab-separated-values; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofByteArray(insert.body()))
                .build();
    }

    private static int errorCode(HttpResponse<String> response) {
        String header = response.headers().firstValue("X-ClickHouse-Exception-Code").orElse(null);
        if (header != null) {
            return Integer.parseInt(header.strip());
        }
        Matcher matcher = CODE.matcher(response.body());
        return matcher.find() ? Integer.parseInt(matcher.group(1)) : -1;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        // Java 17's HttpClient has no close; its connections go with it
    }

    /** ClickHouse refused the rows themselves: sending them again cannot help. */
    static final class RefusedInsertException extends Exception {
        RefusedInsertException(StagedInsert insert, String reason) {
            super(insert.database() + "." + insert.table() + " refused " + insert.rows() + " rows (" + insert.token()
                    + "): " + reason.strip());
        }
    }
}
