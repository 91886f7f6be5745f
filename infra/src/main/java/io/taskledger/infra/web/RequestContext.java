package io.taskledger.infra.web;

import io.taskledger.api.access.Caller;
import io.taskledger.api.access.GlobalRole;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

import java.util.Optional;

/** Who is calling and under which correlation id, for the HTTP request being served on this thread. */
public final class RequestContext {

    static final String CORRELATION_ID = RequestContext.class.getName() + ".correlationId";
    static final String ACTOR = RequestContext.class.getName() + ".actor";
    static final String CALLER = RequestContext.class.getName() + ".caller";
    static final String CHANNEL = RequestContext.class.getName() + ".channel";

    /** The actor of a request that carries no valid access token (it can reach only the public endpoints). */
    public static final String ANONYMOUS = "anonymous";

    private RequestContext() {
    }

    /** Called by the security filter chain once the request's access token is verified. */
    public static void authenticated(HttpServletRequest request, Caller caller) {
        request.setAttribute(ACTOR, caller.username());
        request.setAttribute(CALLER, caller);
    }

    /**
     * The door a request came in by, for the audit metadata of what it causes: {@code rest} under {@code /api/},
     * {@code graphql} and {@code mcp} at theirs; null for any other path (nothing else sends commands).
     */
    static String channelOf(String path) {
        if (path.startsWith("/api/")) {
            return "rest";
        }
        return switch (path) {
            case "/graphql" -> "graphql";
            case "/mcp" -> "mcp";
            default -> null;
        };
    }

    /** The door of the request being served ({@link #channelOf}); empty outside a request and on other paths. */
    public static Optional<String> channel() {
        return attribute(CHANNEL).map(String.class::cast);
    }

    public static Optional<String> correlationId() {
        return attribute(CORRELATION_ID).map(String.class::cast);
    }

    /** The acting account's username, or {@value #ANONYMOUS}; empty outside a request. */
    public static Optional<String> actor() {
        return attribute(ACTOR).map(String.class::cast);
    }

    /** The authenticated account; empty for anonymous requests and outside a request. */
    public static Optional<Caller> caller() {
        return attribute(CALLER).map(Caller.class::cast);
    }

    public static Optional<GlobalRole> role() {
        return caller().map(Caller::role);
    }

    private static Optional<Object> attribute(String name) {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        if (attributes == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(attributes.getAttribute(name, RequestAttributes.SCOPE_REQUEST));
    }
}
