package io.taskledger.infra.graphql;

import graphql.GraphQLContext;
import graphql.schema.DataFetchingEnvironment;
import io.taskledger.api.access.Caller;
import io.taskledger.infra.security.AuthenticatedCallers;
import io.taskledger.infra.security.BearerTokens;
import io.taskledger.infra.web.RequestContext;
import io.taskledger.query.stream.LiveStreams;
import org.springframework.core.MethodParameter;
import org.springframework.graphql.data.method.HandlerMethodArgumentResolver;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.server.WebSocketGraphQlInterceptor;
import org.springframework.graphql.server.WebSocketGraphQlRequest;
import org.springframework.graphql.server.WebSocketSessionInfo;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.security.Principal;
import java.util.HashMap;
import java.util.Map;

/**
 * Lets GraphQL controllers take the authenticated {@link Caller} as a parameter, as REST controllers do: the security
 * filter chain authenticates {@code /graphql} like every API path (401 without a valid token), and this copies the
 * caller it found into the operation's context, where data fetchers on any thread can read it.
 */
@Component
class GraphQlCaller implements WebSocketGraphQlInterceptor, HandlerMethodArgumentResolver {

    private static final String KEY = GraphQlCaller.class.getName();
    /** Where a WebSocket session keeps the authentication its {@code connection_init} payload carried. */
    private static final String INIT_AUTHENTICATION = KEY + ".connectionInit";

    private final BearerTokens tokens;

    GraphQlCaller(BearerTokens tokens) {
        this.tokens = tokens;
    }

    /**
     * A WebSocket whose handshake carried no token (a browser cannot set headers on one) authenticates with its
     * {@code connection_init} payload, {@code {"Authorization": "Bearer <access token>"}}, decided as a request's
     * header is ({@link BearerTokens}). Without a valid token the connection is closed (4401 Unauthorized) before any
     * operation runs.
     */
    @Override
    public Mono<Object> handleConnectionInitialization(WebSocketSessionInfo session, Map<String, Object> payload) {
        return session.getPrincipal()
                .filter(principal -> AuthenticatedCallers.of(principal).isPresent())
                .map(handshakeAuthenticated -> Boolean.TRUE)
                .switchIfEmpty(Mono.fromCallable(() -> {
                    Object authorization = payload.getOrDefault("Authorization", payload.get("authorization"));
                    session.getAttributes().put(INIT_AUTHENTICATION,
                            tokens.authenticate(authorization == null ? null : authorization.toString()));
                    return Boolean.TRUE;
                }))
                .then(Mono.empty());
    }

    /**
     * Over HTTP (queries, mutations, subscriptions over SSE) the request in hand was authenticated; over WebSocket the
     * handshake was, and its authentication is the session's principal, or else the connection's first message was. Subscriptions keep the authentication too
     * ({@link LiveStreams#PRINCIPAL}): their streams end with its session.
     */
    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        if (request instanceof WebSocketGraphQlRequest webSocket) {
            WebSocketSessionInfo session = webSocket.getSessionInfo();
            return session.getPrincipal()
                    .filter(principal -> AuthenticatedCallers.of(principal).isPresent())
                    .switchIfEmpty(Mono.justOrEmpty((Principal) session.getAttributes().get(INIT_AUTHENTICATION)))
                    .doOnNext(principal -> AuthenticatedCallers.of(principal)
                            .ifPresent(caller -> remember(request, caller, principal)))
                    .then(Mono.defer(() -> chain.next(request)));
        }
        RequestContext.caller().ifPresent(caller -> remember(request, caller,
                SecurityContextHolder.getContext().getAuthentication()));
        return chain.next(request);
    }

    private static void remember(WebGraphQlRequest request, Caller caller, Principal principal) {
        Map<String, Object> context = new HashMap<>();
        context.put(KEY, caller);
        if (principal != null) {
            context.put(LiveStreams.PRINCIPAL, principal);
        }
        request.configureExecutionInput((input, builder) -> builder.graphQLContext(context).build());
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == Caller.class;
    }

    @Override
    public Caller resolveArgument(MethodParameter parameter, DataFetchingEnvironment environment) {
        return callerOf(environment);
    }

    static Caller callerOf(DataFetchingEnvironment environment) {
        Caller caller = callerIn(environment.getGraphQlContext());
        if (caller == null) {
            throw new AuthenticationCredentialsNotFoundException("no authenticated caller");
        }
        return caller;
    }

    /** The operation's caller; null when the request carried none (it is refused 401 before it gets here). */
    static Caller callerIn(GraphQLContext context) {
        return context.get(KEY);
    }
}
