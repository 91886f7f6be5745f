package io.taskledger.infra.idempotency;

import io.taskledger.api.access.Caller;
import io.taskledger.api.error.ErrorCode;
import io.taskledger.api.error.TaskledgerException;
import io.taskledger.infra.idempotency.IdempotentRequests.Answered;
import io.taskledger.infra.idempotency.IdempotentRequests.Claim;
import io.taskledger.infra.idempotency.IdempotentRequests.InProgress;
import io.taskledger.infra.idempotency.IdempotentRequests.OtherRequest;
import io.taskledger.infra.idempotency.IdempotentRequests.StoredAnswer;
import io.taskledger.infra.web.RequestContext;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.util.ContentCachingResponseWrapper;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.ByteArrayInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code Idempotency-Key} on POST requests (docs/architecture.md, "Idempotent requests"): the first request with a
 * key runs and its answer (status, body, {@code ETag}, {@code Location}) is kept for 24 hours; a request with the same
 * key and the same method, path and body, from the same account, gets that answer again without running, marked
 * {@code Idempotent-Replayed: true}. The same key with another request is refused (422), and while the first is still
 * running, a second is refused (409) instead of running too. It runs after the security filters (order 0 and later
 * are after Spring Security's -100), so the account is known and a refused request claims no key.
 *
 * <p>Not for {@code /api/auth/**}: their answers are tokens, which are never stored. A field named {@code password}
 * is left out of the body's fingerprint, so no password, even hashed, is stored either.
 */
@Component
@Order(1)
public class IdempotencyFilter extends OncePerRequestFilter {

    public static final String KEY_HEADER = "Idempotency-Key";
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    private static final Pattern VALID_KEY = Pattern.compile("[\\x21-\\x7e]{1,255}");
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final IdempotentRequests requests;
    private final HandlerExceptionResolver errors;

    IdempotencyFilter(IdempotentRequests requests,
                      @Qualifier("handlerExceptionResolver") HandlerExceptionResolver errors) {
        this.requests = requests;
        this.errors = errors;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || request.getHeader(KEY_HEADER) == null
                || request.getRequestURI().startsWith("/api/auth/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<Caller> caller = RequestContext.caller();
        if (caller.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        String key = request.getHeader(KEY_HEADER);
        if (!VALID_KEY.matcher(key).matches()) {
            refuse(request, response, new TaskledgerException(ErrorCode.INVALID_INPUT,
                    KEY_HEADER + " must be 1 to 255 visible ASCII characters"));
            return;
        }
        String account = caller.get().username();
        byte[] body = request.getInputStream().readAllBytes();
        Claim claim = requests.claim(account, key, fingerprint(request, body));
        if (claim instanceof Answered answered) {
            replay(answered.answer(), response);
        } else if (claim instanceof OtherRequest) {
            refuse(request, response, new TaskledgerException(ErrorCode.IDEMPOTENCY_KEY_REUSED, "this " + KEY_HEADER
                    + " was used for another request (another method, path or body) in the last 24 hours; use a new "
                    + "key for a new request"));
        } else if (claim instanceof InProgress) {
            refuse(request, response, new TaskledgerException(ErrorCode.IDEMPOTENCY_KEY_IN_USE, "the first request "
                    + "with this " + KEY_HEADER + " is still being answered; retry shortly to get its answer"));
        } else {
            runAndRecord(request, response, chain, account, key, body);
        }
    }

    private void runAndRecord(HttpServletRequest request, HttpServletResponse response, FilterChain chain,
                              String account, String key, byte[] body) throws ServletException, IOException {
        ContentCachingResponseWrapper recorded = new ContentCachingResponseWrapper(response);
        boolean answered = false;
        try {
            chain.doFilter(new CachedBodyRequest(request, body), recorded);
            if (recorded.getStatus() < 500) {
                requests.answered(account, key, new StoredAnswer(recorded.getStatus(), recorded.getContentType(),
                        recorded.getHeader(HttpHeaders.ETAG), recorded.getHeader(HttpHeaders.LOCATION),
                        recorded.getContentAsByteArray()));
                answered = true;
            }
        } finally {
            if (!answered) {
                requests.release(account, key);
            }
            recorded.copyBodyToResponse();
        }
    }

    private static void replay(StoredAnswer answer, HttpServletResponse response) throws IOException {
        response.setStatus(answer.status());
        if (answer.contentType() != null) {
            response.setContentType(answer.contentType());
        }
        if (answer.etag() != null) {
            response.setHeader(HttpHeaders.ETAG, answer.etag());
        }
        if (answer.location() != null) {
            response.setHeader(HttpHeaders.LOCATION, answer.location());
        }
        response.setHeader(REPLAYED_HEADER, "true");
        byte[] body = answer.body() == null ? new byte[0] : answer.body();
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, TaskledgerException refusal) {
        errors.resolveException(request, response, null, refusal);
    }

    /** SHA-256 over method, path, query and body; a JSON body without its {@code password} fields, re-serialized. */
    static byte[] fingerprint(HttpServletRequest request, byte[] body) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update((request.getMethod() + ' ' + request.getRequestURI() + '?'
                    + (request.getQueryString() == null ? "" : request.getQueryString()) + '\n')
                    .getBytes(StandardCharsets.UTF_8));
            digest.update(withoutPasswords(body));
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] withoutPasswords(byte[] body) {
        JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (RuntimeException notJson) {
            return body;
        }
        if (json == null || json.isMissingNode()) {
            return body;
        }
        removePasswords(json);
        return JSON.writeValueAsBytes(json);
    }

    private static void removePasswords(JsonNode json) {
        if (json instanceof ObjectNode object) {
            object.remove("password");
        }
        for (JsonNode child : json) {
            removePasswords(child);
        }
    }

    /** The request with its body already read, readable again by the controller. */
    private static final class CachedBodyRequest extends HttpServletRequestWrapper {

        private final byte[] body;

        CachedBodyRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream bytes = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return bytes.available() == 0;
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
                    return bytes.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) {
                    return bytes.read(buffer, offset, length);
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
        }
    }
}
