package io.taskledger.infra.axon;

import io.taskledger.infra.web.RequestContext;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Stamps every command with who sent it: while serving an HTTP request, the authenticated account ({@code actor}),
 * its global role ({@code actorRole}), the request's correlation id and the door it came in by ({@code channel}:
 * {@code rest}, {@code graphql} or {@code mcp}); outside a request (the server's own work,
 * such as the bootstrap of the first administrator) the actor is {@value AuditCorrelationDataProvider#SYSTEM_ACTOR}.
 */
@Component
public class CommandAuditInterceptor implements MessageDispatchInterceptor<CommandMessage<?>> {

    @Override
    public BiFunction<Integer, CommandMessage<?>, CommandMessage<?>> handle(
            List<? extends CommandMessage<?>> messages) {
        return (index, command) -> {
            Map<String, Object> audit = new HashMap<>();
            if (!command.getMetaData().containsKey(AuditCorrelationDataProvider.ACTOR)) {
                audit.put(AuditCorrelationDataProvider.ACTOR,
                        RequestContext.actor().orElse(AuditCorrelationDataProvider.SYSTEM_ACTOR));
            }
            RequestContext.role().ifPresent(role -> audit.put(AuditCorrelationDataProvider.ACTOR_ROLE, role.name()));
            RequestContext.correlationId()
                    .ifPresent(id -> audit.put(AuditCorrelationDataProvider.CORRELATION_ID, id));
            RequestContext.channel().ifPresent(channel -> audit.put(AuditCorrelationDataProvider.CHANNEL, channel));
            return command.andMetaData(audit);
        };
    }
}
