package com.xiaoneng.command.idempotency;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.xiaoneng.command.idempotency.IdempotencyStore.Answer;
import com.xiaoneng.command.idempotency.IdempotencyStore.Entry;
import com.xiaoneng.command.idempotency.IdempotencyStore.Scope;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Makes any POST under /api safe to retry: with an {@code Idempotency-Key} header the first answer is stored and
 * replayed to the same caller for the same key, method and path, and nothing new is stored. The same scope with
 * another body is refused; a retry while the first request runs waits for its answer.
 * <p>
 * The claim, the request (Axon's unit of work joins the transaction, so its events and the deadlines it
 * schedules do too) and the answer commit in one transaction, or none of them does: a crash, a 5xx answer or a
 * failed commit leaves the key free and nothing stored. A refusal (4xx) stores nothing of the request; it is
 * recorded in a transaction of its own afterwards (a crash in between leaves the key free, and the retry runs
 * the request again, which stored nothing).
 */
@Component
@Order(IdempotencyFilter.ORDER)
public class IdempotencyFilter extends OncePerRequestFilter {
    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED = "Idempotent-Replayed";
    /** After Spring Security, so that the caller is known; filters ordered later run inside the transaction. */
    public static final int ORDER = Ordered.LOWEST_PRECEDENCE - 100;
    private static final int MAX_KEY_LENGTH = 200;
    private static final Logger LOG = LoggerFactory.getLogger(IdempotencyFilter.class);

    private final IdempotencyStore store;
    private final TransactionTemplate transactions;
    private final CacheGuard cache;
    private final ObjectMapper json;

    IdempotencyFilter(IdempotencyStore store, PlatformTransactionManager transactions, CacheGuard cache, ObjectMapper json) {
        this.store = store;
        this.transactions = new TransactionTemplate(transactions);
        this.cache = cache;
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        // an import streams its body and keys each line itself (docs/IMPORT.md)
        return !"POST".equals(request.getMethod()) || request.getHeader(HEADER) == null
                || !request.getRequestURI().startsWith("/api/") || request.getRequestURI().equals("/api/import");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = request.getHeader(HEADER).strip();
        if (key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
            refuse(response, 400, "idempotency.key-format", "Idempotency-Key must be 1-" + MAX_KEY_LENGTH + " characters");
            return;
        }
        byte[] body = request.getInputStream().readAllBytes();
        String user = request.getRemoteUser() == null ? "" : request.getRemoteUser();
        Scope scope = new Scope(user, request.getMethod(), request.getRequestURI(), key);
        String hash = IdempotencyStore.requestHash(body);
        ContentCachingResponseWrapper recorded = new ContentCachingResponseWrapper(response);
        Optional<Entry> first;
        try {
            first = transactions.execute(tx -> firstOrRun(tx, scope, hash, new CachedBodyRequest(request, body), recorded, chain));
        } catch (RequestFailed failed) {
            // rolled back; the container answers the request's own failure as it would without a key
            failed.rethrow();
            return;
        } catch (RuntimeException notStored) {
            if (response.isCommitted()) {
                throw notStored;
            }
            LOG.error("answer under an Idempotency-Key not stored, request rolled back", notStored);
            response.reset();
            refuse(response, 500, "idempotency.not-stored", "the request was not applied; retry with the same Idempotency-Key");
            return;
        }
        if (first.isPresent()) {
            replay(first.get(), hash, response);
            return;
        }
        if (recorded.getStatus() >= 400 && recorded.getStatus() < 500) {
            recordRefusal(scope, hash, recorded);
        }
        recorded.copyBodyToResponse();
    }

    /** The first request's entry, or empty when this request ran: committed with its 2xx answer, else rolled back. */
    private Optional<Entry> firstOrRun(TransactionStatus tx, Scope scope, String hash, HttpServletRequest request,
                                       ContentCachingResponseWrapper recorded, FilterChain chain) {
        Optional<Entry> first = store.claim(scope, hash);
        if (first.isPresent()) {
            return first;
        }
        try (CacheGuard.Guarded guarded = cache.open()) {
            chain.doFilter(request, recorded);
        } catch (ServletException | IOException | RuntimeException e) {
            throw new RequestFailed(e);
        }
        if (recorded.getStatus() < 400) {
            store.complete(scope, answer(recorded));
        } else {
            tx.setRollbackOnly();
        }
        return Optional.empty();
    }

    private void recordRefusal(Scope scope, String hash, ContentCachingResponseWrapper recorded) {
        try {
            store.refused(scope, hash, answer(recorded));
        } catch (RuntimeException e) {
            // the refusal still reaches the client; a retry runs the request again, which stored nothing
            LOG.warn("refusal under an Idempotency-Key not stored", e);
        }
    }

    private static Answer answer(ContentCachingResponseWrapper recorded) {
        return new Answer(recorded.getStatus(), recorded.getContentType(), recorded.getHeader(HttpHeaders.LOCATION),
                recorded.getContentAsByteArray());
    }

    private void replay(Entry first, String hash, HttpServletResponse response) throws IOException {
        if (!first.requestHash().equals(hash)) {
            refuse(response, 409, "idempotency.key-reused", "this Idempotency-Key was used for another request");
            return;
        }
        Answer answer = first.answer();
        response.setStatus(answer.status());
        if (answer.contentType() != null) {
            response.setContentType(answer.contentType());
        }
        if (answer.location() != null) {
            response.setHeader(HttpHeaders.LOCATION, answer.location());
        }
        response.setHeader(REPLAYED, "true");
        if (answer.body() != null) {
            response.getOutputStream().write(answer.body());
        }
    }

    private void refuse(HttpServletResponse response, int status, String rule, String message) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status);
        body.put("error", switch (status) {
            case 400 -> "Bad Request";
            case 409 -> "Conflict";
            default -> "Internal Server Error";
        });
        body.put("field", HEADER);
        body.put("rule", rule);
        body.put("message", message);
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        json.writeValue(response.getOutputStream(), body);
    }

    /** The request's own failure, carried out of the transaction callback (which rolls back on it). */
    private static final class RequestFailed extends RuntimeException {
        RequestFailed(Exception cause) {
            super(cause);
        }

        void rethrow() throws ServletException, IOException {
            if (getCause() instanceof IOException io) {
                throw io;
            }
            if (getCause() instanceof ServletException servlet) {
                throw servlet;
            }
            throw (RuntimeException) getCause();
        }
    }

    /** Lets the controller read the body this filter already consumed for hashing. */
    private static final class CachedBodyRequest extends HttpServletRequestWrapper {
        private final byte[] body;

        CachedBodyRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("synchronous reads only");
                }

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
        }
    }
}
