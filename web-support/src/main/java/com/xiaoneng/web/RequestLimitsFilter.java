package com.xiaoneng.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * Refuses a request whose Content-Type no body can have (a wildcard, unparsable) and caps every request body
 * before anything reads it ({@link HttpLimits}). A declared length over the cap is answered 413 at once; a
 * chunked body is cut off where it passes the cap. Streamed paths (the import) limit each line instead.
 */
public class RequestLimitsFilter extends OncePerRequestFilter {
    private final HttpLimits limits;

    public RequestLimitsFilter(HttpLimits limits) {
        this.limits = limits;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return limits.streamedPaths().contains(request.getRequestURI());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!concrete(request.getContentType())) {
            FallbackErrors.write(response, FallbackErrors.unsupportedMediaType());
            return;
        }
        long limit = limits.limitFor(request.getRequestURI());
        if (request.getContentLengthLong() > limit) {
            tooLarge(response, limit);
            return;
        }
        try {
            chain.doFilter(new Limited(request, limit), response);
        } catch (BodyTooLargeException e) {
            if (!response.isCommitted()) {
                response.reset();
                tooLarge(response, limit);
            }
        }
    }

    /** Spring fails with an IllegalArgumentException (a 500) on reading a body declared as {@code * / *}. */
    private static boolean concrete(String contentType) {
        if (contentType == null) {
            return true;
        }
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return !type.isWildcardType() && !type.isWildcardSubtype();
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }

    static void tooLarge(HttpServletResponse response, long limit) throws IOException {
        FallbackErrors.write(response, FallbackErrors.tooLarge(limit));
    }

    /** The body passed its cap while being read. */
    public static final class BodyTooLargeException extends RuntimeException {
        private final long limit;

        BodyTooLargeException(long limit) {
            super("the request body is larger than " + limit + " bytes");
            this.limit = limit;
        }

        public long limit() {
            return limit;
        }
    }

    private static final class Limited extends HttpServletRequestWrapper {
        private final long limit;
        private ServletInputStream stream;

        Limited(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new Counting(super.getInputStream(), limit);
            }
            return stream;
        }

        @Override
        public BufferedReader getReader() throws IOException {
            Charset charset = StandardCharsets.UTF_8;
            try {
                if (getCharacterEncoding() != null) {
                    charset = Charset.forName(getCharacterEncoding());
                }
            } catch (IllegalArgumentException unknown) {
                // an unknown charset parameter: the contract's bodies are UTF-8 anyway
            }
            return new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }
    }

    private static final class Counting extends ServletInputStream {
        private final ServletInputStream in;
        private final long limit;
        private long read;

        Counting(ServletInputStream in, long limit) {
            this.in = in;
            this.limit = limit;
        }

        private int count(int n) {
            if (n > 0) {
                read += n;
                if (read > limit) {
                    throw new BodyTooLargeException(limit);
                }
            }
            return n;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            return count(in.read(buffer, offset, length));
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
