package io.taskledger.infra.observability;

import io.taskledger.infra.web.RequestContext;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.MDC;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.security.Principal;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Puts the acting account ({@code actor}) and a trace id ({@code traceId}) into the log context of a request, next to
 * the {@code correlationId} that {@code CorrelationFilter} puts there, so every log line of the request names them.
 * It runs after the security filters (order 0 is after Spring Security's -100), so the actor is the authenticated
 * account once there is one. The trace id is the caller's W3C {@code traceparent} trace id, else a new one.
 */
@Component
@Order(0)
public class LogContextFilter extends OncePerRequestFilter {

    static final String ACTOR = "actor";
    static final String TRACE_ID = "traceId";
    private static final Pattern TRACEPARENT = Pattern.compile("[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        MDC.put(ACTOR, actorOf(request));
        MDC.put(TRACE_ID, traceIdOf(request.getHeader("traceparent")));
        try {
            chain.doFilter(request, response);
        } finally {
            MDC.remove(ACTOR);
            MDC.remove(TRACE_ID);
        }
    }

    private static String actorOf(HttpServletRequest request) {
        Principal principal = request.getUserPrincipal();
        if (principal != null) {
            return principal.getName();
        }
        return RequestContext.actor().orElse(RequestContext.ANONYMOUS);
    }

    static String traceIdOf(String traceparent) {
        if (traceparent != null) {
            Matcher matcher = TRACEPARENT.matcher(traceparent.strip());
            if (matcher.matches()) {
                return matcher.group(1);
            }
        }
        byte[] id = new byte[16];
        ThreadLocalRandom.current().nextBytes(id);
        return HexFormat.of().formatHex(id);
    }
}
