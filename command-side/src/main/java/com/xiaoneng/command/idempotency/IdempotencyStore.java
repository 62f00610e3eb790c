package com.xiaoneng.command.idempotency;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.Optional;

/** Idempotency keys and the first answer given under each, in PostgreSQL beside the event store. */
@Component
public class IdempotencyStore {
    private final JdbcClient jdbc;

    public IdempotencyStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A stored request: {@code status} is null while the first request is still running. */
    public record Entry(String path, String requestHash, Integer status, String contentType, byte[] body) {
    }

    /** Claims the key for a new request; empty when it was free, else what is stored under it. */
    public Optional<Entry> claim(String key, String path, String requestHash) {
        try {
            jdbc.sql("INSERT INTO idempotent_request (idempotency_key, request_path, request_hash) VALUES (?, ?, ?)")
                    .params(key, path, requestHash).update();
            return Optional.empty();
        } catch (DuplicateKeyException taken) {
            return jdbc.sql("SELECT request_path, request_hash, status, content_type, body FROM idempotent_request"
                            + " WHERE idempotency_key = ?")
                    .param(key)
                    .query((rs, row) -> new Entry(rs.getString(1), rs.getString(2), (Integer) rs.getObject(3),
                            rs.getString(4), rs.getBytes(5)))
                    .optional();
        }
    }

    public void complete(String key, int status, String contentType, byte[] body) {
        jdbc.sql("UPDATE idempotent_request SET status = ?, content_type = ?, body = ? WHERE idempotency_key = ?")
                .params(status, contentType, body, key).update();
    }

    /** Frees the key after a server error, so that a retry runs the request again. */
    public void release(String key) {
        jdbc.sql("DELETE FROM idempotent_request WHERE idempotency_key = ? AND status IS NULL").param(key).update();
    }
}
