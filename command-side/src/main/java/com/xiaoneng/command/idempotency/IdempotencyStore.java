package com.xiaoneng.command.idempotency;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/** Idempotency keys and the first answer given under each (V6__idempotency_scope.sql), beside the event store. */
@Component
public class IdempotencyStore {
    private static final int CLAIM_ATTEMPTS = 3;

    private final JdbcClient jdbc;

    public IdempotencyStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** What names a request: the same key from another user, method or path is another request. */
    public record Scope(String user, String method, String path, String key) {
        byte[] hash() {
            MessageDigest digest = sha256();
            for (String part : List.of(user, method, path, key)) {
                byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
                // length-prefixed, so that no two scopes join to the same bytes
                digest.update(ByteBuffer.allocate(Integer.BYTES).putInt(bytes.length).array());
                digest.update(bytes);
            }
            return digest.digest();
        }
    }

    /** What tells a retry from another request under the same scope: the SHA-256 of the body, in hex. */
    public static String requestHash(byte[] body) {
        return HexFormat.of().formatHex(sha256().digest(body));
    }

    /** An answer as the client got it. */
    public record Answer(int status, String contentType, String location, byte[] body) {
    }

    /** The first request under a scope: the hash of its body and its answer. */
    public record Entry(String requestHash, Answer answer) {
    }

    /**
     * Claims the scope in the caller's transaction: empty when this request is the first, to be answered with
     * {@link #complete} in the same transaction. Otherwise the first request's entry: a first request still
     * running holds the row, and the insert waits until it commits (its entry is read) or rolls back (the scope
     * is claimed here).
     */
    public Optional<Entry> claim(Scope scope, String requestHash) {
        byte[] id = scope.hash();
        for (int attempt = 0; attempt < CLAIM_ATTEMPTS; attempt++) {
            int claimed = jdbc.sql("INSERT INTO idempotent_request (scope_hash, user_name, request_method, request_path,"
                            + " idempotency_key, request_hash) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (scope_hash) DO NOTHING")
                    .params(id, scope.user(), scope.method(), scope.path(), scope.key(), requestHash).update();
            if (claimed == 1) {
                return Optional.empty();
            }
            Optional<Entry> first = jdbc.sql("SELECT request_hash, status, content_type, location, body"
                            + " FROM idempotent_request WHERE scope_hash = ?")
                    .param(id)
                    .query((rs, row) -> new Entry(rs.getString(1),
                            new Answer(rs.getInt(2), rs.getString(3), rs.getString(4), rs.getBytes(5))))
                    .optional();
            if (first.isPresent()) {
                return first;
            }
            // the row went between the two statements (deleted by hand): claim again
        }
        throw new IllegalStateException("idempotency scope could not be claimed");
    }

    /** Stores the answer of the request that claimed the scope, in the claiming transaction. */
    public void complete(Scope scope, Answer answer) {
        int updated = jdbc.sql("UPDATE idempotent_request SET status = ?, content_type = ?, location = ?, body = ?"
                        + " WHERE scope_hash = ? AND status IS NULL")
                .params(answer.status(), answer.contentType(), answer.location(), answer.body(), scope.hash()).update();
        if (updated != 1) {
            // the claim was rolled back under the request: storing its answer would commit half a request
            throw new IllegalStateException("idempotency claim lost before its answer was stored");
        }
    }

    /**
     * Stores a refusal (4xx) of a request whose own transaction stored nothing, in a transaction of its own.
     * A request under the same scope that started meanwhile keeps its answer.
     */
    public void refused(Scope scope, String requestHash, Answer answer) {
        jdbc.sql("INSERT INTO idempotent_request (scope_hash, user_name, request_method, request_path, idempotency_key,"
                        + " request_hash, status, content_type, location, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT (scope_hash) DO NOTHING")
                .params(scope.hash(), scope.user(), scope.method(), scope.path(), scope.key(), requestHash,
                        answer.status(), answer.contentType(), answer.location(), answer.body())
                .update();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
