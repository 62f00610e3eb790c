package com.xiaoneng.streaming.clickhouse;

import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * One INSERT a checkpoint staged: its rows as TabSeparated text and the deduplication token naming them.
 * It is kept in the checkpoint, so after a restore it is the same batch under the same token, and a retry
 * of an insert that already landed is dropped by ClickHouse.
 */
public record StagedInsert(String database, String table, List<String> columns, byte[] body, int rows, String token) {
    public StagedInsert {
        columns = List.copyOf(columns);
    }

    /** {@code INSERT INTO db.table (columns) FORMAT TabSeparated}: the body follows as the data. */
    public String sql() {
        return HttpInserter.insertSql(database, table, columns);
    }

    /** Flink keeps committables in the checkpoint with this; version 1 is the layout below. */
    public static final class Serializer implements SimpleVersionedSerializer<StagedInsert> {
        @Override
        public int getVersion() {
            return 1;
        }

        @Override
        public byte[] serialize(StagedInsert insert) throws IOException {
            DataOutputSerializer out = new DataOutputSerializer(insert.body.length + 256);
            out.writeUTF(insert.database);
            out.writeUTF(insert.table);
            out.writeInt(insert.columns.size());
            for (String column : insert.columns) {
                out.writeUTF(column);
            }
            out.writeInt(insert.rows);
            out.writeUTF(insert.token);
            out.writeInt(insert.body.length);
            out.write(insert.body);
            return out.getCopyOfBuffer();
        }

        @Override
        public StagedInsert deserialize(int version, byte[] serialized) throws IOException {
            if (version != 1) {
                throw new IOException("unknown StagedInsert version " + version);
            }
            DataInputDeserializer in = new DataInputDeserializer(serialized);
            String database = in.readUTF();
            String table = in.readUTF();
            int columnCount = in.readInt();
            List<String> columns = new ArrayList<>(columnCount);
            for (int i = 0; i < columnCount; i++) {
                columns.add(in.readUTF());
            }
            int rows = in.readInt();
            String token = in.readUTF();
            byte[] body = new byte[in.readInt()];
            in.readFully(body);
            return new StagedInsert(database, table, columns, body, rows, token);
        }
    }
}
