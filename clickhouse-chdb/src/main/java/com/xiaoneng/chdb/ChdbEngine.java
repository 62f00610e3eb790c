package com.xiaoneng.chdb;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * One chDB connection on a persistent data path. chDB runs one statement at a time per connection,
 * so every call is synchronized on the engine; callers that need several statements to run back to
 * back (e.g. {@code USE db} then the query) hold the engine's monitor around them.
 *
 * <p>The process must have been started with the JDK's libjsig preloaded: chDB's own signal
 * handlers are switched off here, but the library is loaded into a JVM whose SIGSEGV-based null
 * checks must keep working.
 */
public final class ChdbEngine implements AutoCloseable {

    private static final int APPEND_CHUNK = 1 << 20;

    private final ChdbLibrary lib;
    private final Pointer connectionRef;
    private final Pointer connection;
    private final Memory appendBuffer = new Memory(APPEND_CHUNK);
    private boolean closed;

    private ChdbEngine(ChdbLibrary lib, Pointer connectionRef) {
        this.lib = lib;
        this.connectionRef = connectionRef;
        this.connection = connectionRef.getPointer(0);
    }

    /** Loads {@code libchdb} and opens (creating if needed) the database at {@code dataDir}. */
    public static ChdbEngine open(Path libchdb, Path dataDir) {
        if (!Files.isRegularFile(libchdb)) {
            throw new IllegalArgumentException("libchdb not found at " + libchdb);
        }
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create ClickHouse data dir " + dataDir, e);
        }
        ChdbLibrary lib = Native.load(libchdb.toAbsolutePath().toString(), ChdbLibrary.class,
                Map.of(Library.OPTION_STRING_ENCODING, "UTF-8"));
        // Must precede chdb_connect: chDB's handlers would replace the JVM's SIGSEGV handling.
        lib.chdb_set_signal_handlers_enabled(0);
        String[] argv = {"clickhouse", "--path=" + dataDir.toAbsolutePath()};
        Pointer ref = lib.chdb_connect(argv.length, argv);
        if (ref == null || ref.getPointer(0) == null) {
            throw new IllegalStateException("chdb_connect failed for data dir " + dataDir
                    + " (is another process using it?)");
        }
        return new ChdbEngine(lib, ref);
    }

    public String version() {
        return lib.chdb_version();
    }

    /** Runs one statement; output in {@code format} unless the statement has its own FORMAT clause. */
    public synchronized Result query(byte[] sql, String format) {
        ensureOpen();
        long start = System.nanoTime();
        return consume(lib.chdb_query_n(connection, sql, sql.length, format, format.length()), start);
    }

    /** Runs one statement with server-side {@code {name:Type}} parameters bound to {@code params}. */
    public synchronized Result query(String sql, String format, Map<String, String> params) {
        ensureOpen();
        if (params.isEmpty()) {
            return query(Sql.utf8(sql), format);
        }
        String[] names = params.keySet().toArray(String[]::new);
        String[] values = params.values().toArray(String[]::new);
        long start = System.nanoTime();
        return consume(lib.chdb_query_with_params(connection, sql, format, names, values, names.length), start);
    }

    /**
     * Streams {@code data} (encoded in {@code format}) into {@code insert}, an INSERT statement without
     * FORMAT clause or inline data, e.g. {@code INSERT INTO t (a, b)}.
     */
    public synchronized Result insert(String insert, String format, Map<String, String> params,
            byte[] data, int offset, int length) {
        ensureOpen();
        String[] names = params.keySet().toArray(String[]::new);
        String[] values = params.values().toArray(String[]::new);
        long start = System.nanoTime();
        Pointer stream = lib.chdb_stream_insert_with_params(connection, insert, format, names, values, names.length);
        try {
            failOn(lib.chdb_stream_insert_error(stream));
            for (int pos = offset, end = offset + length; pos < end; pos += APPEND_CHUNK) {
                int n = Math.min(APPEND_CHUNK, end - pos);
                appendBuffer.write(0, data, pos, n);
                if (lib.chdb_stream_append(stream, appendBuffer, n) != 0) {
                    failOn(lib.chdb_stream_insert_error(stream));
                    throw new ChdbException("chdb_stream_append failed");
                }
            }
            return consume(lib.chdb_stream_done(stream), start);
        } finally {
            lib.chdb_destroy_insert_stream(stream);
        }
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            lib.chdb_close_conn(connectionRef);
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("chDB connection is closed");
        }
    }

    /** Reads and frees {@code result}; elapsed time is measured here, chDB's own figure is cumulative for inserts. */
    private Result consume(Pointer result, long startNanos) {
        if (result == null) {
            throw new ChdbException("chDB returned no result");
        }
        try {
            failOn(lib.chdb_result_error(result));
            long length = lib.chdb_result_length(result);
            byte[] data = length == 0 ? new byte[0] : lib.chdb_result_buffer(result).getByteArray(0, Math.toIntExact(length));
            return new Result(data,
                    System.nanoTime() - startNanos,
                    lib.chdb_result_rows_read(result),
                    lib.chdb_result_bytes_read(result),
                    lib.chdb_result_storage_rows_read(result),
                    lib.chdb_result_storage_bytes_read(result),
                    lib.chdb_result_rows_written(result),
                    lib.chdb_result_bytes_written(result));
        } finally {
            lib.chdb_destroy_query_result(result);
        }
    }

    private static void failOn(String error) {
        if (error != null && !error.isEmpty()) {
            throw new ChdbException(error);
        }
    }

    /**
     * A statement's output and statistics. {@code resultRows}/{@code resultBytes} describe the output,
     * {@code readRows}/{@code readBytes} what was read from storage.
     */
    public record Result(byte[] data, long elapsedNanos, long resultRows, long resultBytes,
            long readRows, long readBytes, long writtenRows, long writtenBytes) {
    }
}
