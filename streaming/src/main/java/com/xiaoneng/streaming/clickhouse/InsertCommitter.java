package com.xiaoneng.streaming.clickhouse;

import org.apache.flink.api.connector.sink2.Committer;

import java.util.Collection;

/**
 * Sends each staged insert of a completed checkpoint under its token ({@link HttpInserter}: retried without end
 * while ClickHouse is unreachable); an insert that landed but whose answer was lost is sent again and dropped by
 * the table's deduplication window. An insert refused for its data fails the job: a count left out would be
 * wrong forever, so it is not set aside as events are.
 */
final class InsertCommitter implements Committer<StagedInsert> {
    private final HttpInserter inserter;

    InsertCommitter(ClickHouseSettings settings) {
        this.inserter = new HttpInserter(settings);
    }

    @Override
    public void commit(Collection<CommitRequest<StagedInsert>> requests) throws InterruptedException {
        for (CommitRequest<StagedInsert> request : requests) {
            StagedInsert insert = request.getCommittable();
            String what = insert.database() + "." + insert.table() + ", " + insert.rows() + " rows (" + insert.token() + ")";
            try {
                inserter.insertUntilAccepted(insert.sql(), insert.body(), insert.token(), what);
            } catch (HttpInserter.RefusedException e) {
                request.signalFailedWithUnknownReason(new IllegalStateException("ClickHouse refused " + what + ": "
                        + e.getMessage(), e));
            }
        }
    }

    @Override
    public void close() {
        // Java 17's HttpClient has no close; its connections go with it
    }
}
