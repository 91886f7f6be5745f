package io.taskledger.infra.web;

import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

import java.util.Optional;

/** Who is calling and under which correlation id, for the HTTP request being served on this thread. */
public final class RequestContext {

    static final String CORRELATION_ID = RequestContext.class.getName() + ".correlationId";
    static final String ACTOR = RequestContext.class.getName() + ".actor";

    /** Until accounts exist every caller is anonymous; the identity layer will set the authenticated account. */
    public static final String ANONYMOUS = "anonymous";

    private RequestContext() {
    }

    public static Optional<String> correlationId() {
        return attribute(CORRELATION_ID);
    }

    public static Optional<String> actor() {
        return attribute(ACTOR);
    }

    private static Optional<String> attribute(String name) {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        if (attributes == null) {
            return Optional.empty();
        }
        return Optional.ofNullable((String) attributes.getAttribute(name, RequestAttributes.SCOPE_REQUEST));
    }
}
