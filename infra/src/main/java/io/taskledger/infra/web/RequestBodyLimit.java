package io.taskledger.infra.web;

import io.taskledger.api.error.ErrorCode;
import io.taskledger.api.error.TaskledgerException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

import java.io.IOException;

/**
 * Bounds every request body: {@code taskledger.limits.max-body-size} (1 MB), or for a plan import
 * {@code taskledger.limits.max-plan-body-size} (5 MB). A body that declares a larger {@code Content-Length} is
 * answered 413 {@code PAYLOAD_TOO_LARGE} before a byte of it is read; one sent without a length (chunked) is counted
 * as it is read and refused the same way once it passes the bound, so no body is ever read whole first.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class RequestBodyLimit extends OncePerRequestFilter {

    private final long maxBody;
    private final long maxPlanBody;
    private final HandlerExceptionResolver errors;

    public RequestBodyLimit(@Value("${taskledger.limits.max-body-size:1MB}") DataSize maxBody,
                            @Value("${taskledger.limits.max-plan-body-size:5MB}") DataSize maxPlanBody,
                            @Qualifier("handlerExceptionResolver") HandlerExceptionResolver errors) {
        this.maxBody = maxBody.toBytes();
        this.maxPlanBody = maxPlanBody.toBytes();
        this.errors = errors;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long limit = isPlanImport(request) ? maxPlanBody : maxBody;
        if (request.getContentLengthLong() > limit) {
            errors.resolveException(request, response, null, tooLarge(request.getContentLengthLong(), limit));
            return;
        }
        try {
            chain.doFilter(new Bounded(request, limit), response);
        } catch (BodyTooLarge tooLarge) {  // read past the bound by a filter (one that keeps the body) before MVC
            if (response.isCommitted()) {
                throw tooLarge;
            }
            response.reset();
            errors.resolveException(request, response, null, tooLarge);
        }
    }

    private static boolean isPlanImport(HttpServletRequest request) {
        String path = request.getRequestURI();
        return "POST".equals(request.getMethod()) && path.startsWith("/api/projects/") && path.endsWith("/plan");
    }

    static TaskledgerException tooLarge(long size, long limit) {
        return new BodyTooLarge("the request body " + (size < 0 ? "is larger" : "of " + size + " bytes is larger")
                + " than the " + limit + " bytes this endpoint accepts");
    }

    /** Thrown while the body is read: MVC answers it when it reads the body, this filter when another filter does. */
    static final class BodyTooLarge extends TaskledgerException {

        BodyTooLarge(String message) {
            super(ErrorCode.PAYLOAD_TOO_LARGE, message);
        }
    }

    /** The request with its body counted as it is read. */
    private static final class Bounded extends HttpServletRequestWrapper {

        private final long limit;
        private ServletInputStream stream;

        Bounded(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new CountingStream(super.getInputStream(), limit);
            }
            return stream;
        }
    }

    /** Throws {@code PAYLOAD_TOO_LARGE} as soon as more than the limit has been read. */
    private static final class CountingStream extends ServletInputStream {

        private final ServletInputStream body;
        private final long limit;
        private long read;

        CountingStream(ServletInputStream body, long limit) {
            this.body = body;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int next = body.read();
            if (next >= 0) {
                count(1);
            }
            return next;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = body.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) {
            read += n;
            if (read > limit) {
                throw tooLarge(-1, limit);
            }
        }

        @Override
        public boolean isFinished() {
            return body.isFinished();
        }

        @Override
        public boolean isReady() {
            return body.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            body.setReadListener(listener);
        }
    }
}
