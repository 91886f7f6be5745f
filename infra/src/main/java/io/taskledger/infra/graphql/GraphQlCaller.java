package io.taskledger.infra.graphql;

import graphql.GraphQLContext;
import graphql.schema.DataFetchingEnvironment;
import io.taskledger.api.access.Caller;
import io.taskledger.infra.web.RequestContext;
import org.springframework.core.MethodParameter;
import org.springframework.graphql.data.method.HandlerMethodArgumentResolver;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.util.Map;

/**
 * Lets GraphQL controllers take the authenticated {@link Caller} as a parameter, as REST controllers do: the security
 * filter chain authenticates {@code /graphql} like every API path (401 without a valid token), and this copies the
 * caller it found into the operation's context, where data fetchers on any thread can read it.
 */
@Component
class GraphQlCaller implements WebGraphQlInterceptor, HandlerMethodArgumentResolver {

    private static final String KEY = GraphQlCaller.class.getName();

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        RequestContext.caller().ifPresent(caller -> request.configureExecutionInput(
                (input, builder) -> builder.graphQLContext(Map.of(KEY, caller)).build()));
        return chain.next(request);
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
