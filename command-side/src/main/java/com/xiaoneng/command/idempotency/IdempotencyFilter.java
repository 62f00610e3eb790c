package com.xiaoneng.command.idempotency;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Makes any POST under /api safe to retry: with an {@code Idempotency-Key} header the first answer
 * (any status below 500) is stored and replayed for the same key, and nothing new is stored. The
 * same key with another path or body is refused, as is a retry while the first request still runs.
 */
@Component
public class IdempotencyFilter extends OncePerRequestFilter {
    public static final String HEADER = "Idempotency-Key";
    private static final int MAX_KEY_LENGTH = 200;

    private final IdempotencyStore store;
    private final ObjectMapper json;

    public IdempotencyFilter(IdempotencyStore store, ObjectMapper json) {
        this.store = store;
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
        String path = request.getRequestURI();
        String hash = sha256(path, body);
        Optional<IdempotencyStore.Entry> existing = store.claim(key, path, hash);
        if (existing.isPresent()) {
            replay(existing.get(), hash, response);
            return;
        }
        ContentCachingResponseWrapper recorded = new ContentCachingResponseWrapper(response);
        boolean completed = false;
        try {
            chain.doFilter(new CachedBodyRequest(request, body), recorded);
            if (recorded.getStatus() < 500) {
                store.complete(key, recorded.getStatus(), recorded.getContentType(), recorded.getContentAsByteArray());
                completed = true;
            }
        } finally {
            if (!completed) {
                store.release(key);
            }
            recorded.copyBodyToResponse();
        }
    }

    private void replay(IdempotencyStore.Entry entry, String hash, HttpServletResponse response) throws IOException {
        if (!entry.requestHash().equals(hash)) {
            refuse(response, 409, "idempotency.key-reused", "this Idempotency-Key was used for another request");
        } else if (entry.status() == null) {
            refuse(response, 409, "idempotency.in-progress", "the first request with this Idempotency-Key is still running");
        } else {
            response.setStatus(entry.status());
            if (entry.contentType() != null) {
                response.setContentType(entry.contentType());
            }
            response.setHeader("Idempotent-Replayed", "true");
            if (entry.body() != null) {
                response.getOutputStream().write(entry.body());
            }
        }
    }

    private void refuse(HttpServletResponse response, int status, String rule, String message) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status);
        body.put("error", status == 400 ? "Bad Request" : "Conflict");
        body.put("field", HEADER);
        body.put("rule", rule);
        body.put("message", message);
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        json.writeValue(response.getOutputStream(), body);
    }

    private static String sha256(String path, byte[] body) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(path.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(body);
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
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
        public java.io.BufferedReader getReader() {
            return new java.io.BufferedReader(new java.io.InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
        }
    }
}
