package io.taskledger.infra.graphql;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.analysis.MaxQueryComplexityInstrumentation;
import graphql.analysis.MaxQueryDepthInstrumentation;
import graphql.execution.AbortExecutionException;
import graphql.execution.instrumentation.Instrumentation;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentationContext;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationValidationParameters;
import graphql.language.Field;
import graphql.language.Node;
import graphql.validation.ValidationError;
import io.taskledger.api.error.ErrorCode;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * Limits on one GraphQL operation, against abuse: how deep it nests, how many fields it asks for (its complexity,
 * each field counting one, a list's fields once), and how many aliases it uses (aliases let one request ask for the
 * same expensive field many times). An operation over a limit runs nothing and is answered with one error naming the
 * limit ({@code extensions.code} {@code INVALID_INPUT}, {@code extensions.limit} the setting). The request body's size
 * is bounded before it is read, as for every request ({@code taskledger.limits.max-body-size}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OperationLimits.Settings.class)
class OperationLimits {

    /** {@code taskledger.graphql.*}: docs/graphql.md. */
    @ConfigurationProperties("taskledger.graphql")
    record Settings(int maxDepth, int maxComplexity, int maxAliases) {
    }

    @Bean
    Instrumentation maxDepth(Settings settings) {
        return new MaxQueryDepthInstrumentation(settings.maxDepth(), info -> {
            throw refused("max-depth", "the operation nests " + info.getDepth() + " levels deep; at most "
                    + settings.maxDepth() + " are allowed");
        });
    }

    @Bean
    Instrumentation maxComplexity(Settings settings) {
        return new MaxQueryComplexityInstrumentation(settings.maxComplexity(), info -> {
            throw refused("max-complexity", "the operation asks for " + info.getComplexity()
                    + " fields; at most " + settings.maxComplexity() + " are allowed");
        });
    }

    @Bean
    Instrumentation maxAliases(Settings settings) {
        return new SimplePerformantInstrumentation() {
            @Override
            public InstrumentationContext<List<ValidationError>> beginValidation(
                    InstrumentationValidationParameters parameters, InstrumentationState state) {
                long aliases = countAliases(parameters.getDocument());
                if (aliases > settings.maxAliases()) {
                    throw refused("max-aliases", "the operation uses " + aliases + " aliases; at most "
                            + settings.maxAliases() + " are allowed");
                }
                return SimpleInstrumentationContext.noOp();
            }
        };
    }

    private static long countAliases(Node<?> document) {
        long aliases = 0;
        Deque<Node<?>> nodes = new ArrayDeque<>(List.of(document));
        while (!nodes.isEmpty()) {
            Node<?> node = nodes.pop();
            if (node instanceof Field field && field.getAlias() != null) {
                aliases++;
            }
            node.getChildren().forEach(nodes::push);
        }
        return aliases;
    }

    private static AbortExecutionException refused(String limit, String detail) {
        GraphQLError error = GraphqlErrorBuilder.newError()
                .message(detail)
                .extensions(Map.of("code", ErrorCode.INVALID_INPUT.name(), "limit", "taskledger.graphql." + limit))
                .build();
        return new AbortExecutionException(List.of(error));
    }
}
