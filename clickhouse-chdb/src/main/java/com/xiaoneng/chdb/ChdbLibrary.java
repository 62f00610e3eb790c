package com.xiaoneng.chdb;

import com.sun.jna.Library;
import com.sun.jna.Pointer;

/**
 * The part of chDB's C API (chdb.h, 26.x) the endpoint uses. {@code chdb_connect} returns a
 * {@code chdb_connection*}; every other call takes the {@code chdb_connection} it points to.
 * size_t is mapped to long (LP64 only: the library ships for linux-x64); strings are loaded as UTF-8.
 */
interface ChdbLibrary extends Library {

    String chdb_version();

    void chdb_set_signal_handlers_enabled(int enabled);

    Pointer chdb_connect(int argc, String[] argv);

    void chdb_close_conn(Pointer connectionRef);

    Pointer chdb_query_n(Pointer connection, byte[] query, long queryLength, String format, long formatLength);

    Pointer chdb_query_with_params(Pointer connection, String query, String format,
            String[] paramNames, String[] paramValues, long paramCount);

    void chdb_destroy_query_result(Pointer result);

    Pointer chdb_result_buffer(Pointer result);

    long chdb_result_length(Pointer result);

    long chdb_result_rows_read(Pointer result);

    long chdb_result_bytes_read(Pointer result);

    long chdb_result_storage_rows_read(Pointer result);

    long chdb_result_storage_bytes_read(Pointer result);

    long chdb_result_rows_written(Pointer result);

    long chdb_result_bytes_written(Pointer result);

    String chdb_result_error(Pointer result);

    Pointer chdb_stream_insert_with_params(Pointer connection, String query, String format,
            String[] paramNames, String[] paramValues, long paramCount);

    int chdb_stream_append(Pointer stream, Pointer data, long length);

    Pointer chdb_stream_done(Pointer stream);

    String chdb_stream_insert_error(Pointer stream);

    void chdb_destroy_insert_stream(Pointer stream);
}
