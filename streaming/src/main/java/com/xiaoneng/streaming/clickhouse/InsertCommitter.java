package com.xiaoneng.streaming.clickhouse;

import org.apache.flink.api.connector.sink2.Committer;

import java.net.URI;
import java.util.Collection;
import java.util.List;

/**
 * Sends each staged insert of a completed checkpoint under its token ({@link HttpInserter}: retried without end
 * while ClickHouse is unreachable); an insert that landed but whose answer was lost is sent again and dropped by
 * the table's deduplication window. An insert refused for its data fails the job: a count left out would be
 * wrong forever, so it is not set aside as events are.
 *
 * <p>On a cluster ({@link ClickHouseSettings#shards()}) a Distributed table would split one insert over the shards
 * by rand(), differently on each retry, so that one token named different rows on each shard. Each insert goes
 * instead, whole, into {@code <table>_local} of one shard, picked from its token (the same shard on every retry and
 * after a restore), to any of that shard's replicas, which share the deduplication log in Keeper.
 */
final class InsertCommitter implements Committer<StagedInsert> {
    private final HttpInserter inserter;
    private final List<List<URI>> shards;

    InsertCommitter(ClickHouseSettings settings) {
        this.inserter = new HttpInserter(settings);
        this.shards = settings.shards();
    }

    /** The shard of a token: String.hashCode is fixed by the language, so every run picks the same. */
    static int shardOf(String token, int shards) {
        return Math.floorMod(token.hashCode(), shards);
    }

    @Override
    public void commit(Collection<CommitRequest<StagedInsert>> requests) throws InterruptedException {
        for (CommitRequest<StagedInsert> request : requests) {
            StagedInsert insert = request.getCommittable();
            String what = insert.database() + "." + insert.table() + ", " + insert.rows() + " rows (" + insert.token() + ")";
            try {
                if (shards.isEmpty()) {
                    inserter.insertUntilAccepted(insert.sql(), insert.body(), insert.token(), what);
                } else {
                    inserter.insertUntilAccepted(shards.get(shardOf(insert.token(), shards.size())),
                            HttpInserter.insertSql(insert.database(), insert.table() + "_local", insert.columns()),
                            insert.body(), insert.token(), what);
                }
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
