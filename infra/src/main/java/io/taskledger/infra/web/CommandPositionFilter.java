package io.taskledger.infra.web;

import io.taskledger.query.api.MinPositionInterceptor;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

import java.io.IOException;

/**
 * Every successful command answers {@value MinPositionInterceptor#MIN_POSITION_HEADER}: the event store's newest
 * committed position once the command committed, so at least the position of the command's own last event. Any read
 * sent with it, by this client or one it passes the value to, waits until the read models it is answered from show
 * that write ({@link MinPositionInterceptor}). Read after the command, never before: a position taken earlier could
 * belong to a transaction that never commits.
 *
 * <p>The answer is held until the header is set (a command's answer is small), since the handler may already have
 * flushed it. Runs after the security filter chain and before the idempotency filter, so a replayed answer carries a
 * position too (the current one: it covers the first answer's write).
 */
@Component
@Order(0)
public class CommandPositionFilter extends OncePerRequestFilter {

    /** Set on a GraphQL request whose operation sent commands (a mutation); REST's commands are told by method. */
    public static final String COMMANDS_SENT = CommandPositionFilter.class.getName() + ".commandsSent";
    private static final String GRAPHQL = "/graphql";

    private static final Logger log = LoggerFactory.getLogger(CommandPositionFilter.class);

    private final JdbcTemplate jdbc;

    public CommandPositionFilter(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String method = request.getMethod();
        return HttpMethod.GET.matches(method) || HttpMethod.HEAD.matches(method) || HttpMethod.OPTIONS.matches(method)
                || !(request.getRequestURI().startsWith("/api/") || request.getRequestURI().equals(GRAPHQL))
                || isEventStream(request);
    }

    /**
     * A subscription over SSE (a client that accepts only an event stream) runs no command, and its answer is a
     * stream that must not be held back.
     */
    private static boolean isEventStream(HttpServletRequest request) {
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        return accept != null && accept.contains(MediaType.TEXT_EVENT_STREAM_VALUE) && !accept.contains("json");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ContentCachingResponseWrapper held = new ContentCachingResponseWrapper(response);
        try {
            chain.doFilter(request, held);
            boolean sentCommands = !request.getRequestURI().equals(GRAPHQL)
                    || Boolean.TRUE.equals(request.getAttribute(COMMANDS_SENT));
            if (sentCommands && held.getStatus() >= 200 && held.getStatus() < 300) {
                Long position = newestPosition();
                if (position != null) {
                    held.setHeader(MinPositionInterceptor.MIN_POSITION_HEADER, String.valueOf(position));
                }
            }
        } finally {
            held.copyBodyToResponse();
        }
    }

    /**
     * The event store's newest committed position, read after a command committed; null when it cannot be read: the
     * command succeeded, so its answer goes out, only without a position.
     */
    public Long newestPosition() {
        try {
            return jdbc.queryForObject("select max(global_index) from domain_event_entry", Long.class);
        } catch (DataAccessException e) {
            log.warn("answering a command without {}: the event store's position could not be read ({})",
                    MinPositionInterceptor.MIN_POSITION_HEADER, e.getMessage());
            return null;
        }
    }
}
