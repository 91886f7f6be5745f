package io.taskledger.infra.axon;

import io.taskledger.infra.web.RequestContext;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/** Stamps every command sent while serving an HTTP request with the caller and the request's correlation id. */
@Component
public class CommandAuditInterceptor implements MessageDispatchInterceptor<CommandMessage<?>> {

    @Override
    public BiFunction<Integer, CommandMessage<?>, CommandMessage<?>> handle(
            List<? extends CommandMessage<?>> messages) {
        return (index, command) -> {
            Map<String, Object> audit = new HashMap<>();
            RequestContext.actor().ifPresent(actor -> audit.put(AuditCorrelationDataProvider.ACTOR, actor));
            RequestContext.correlationId()
                    .ifPresent(id -> audit.put(AuditCorrelationDataProvider.CORRELATION_ID, id));
            return audit.isEmpty() ? command : command.andMetaData(audit);
        };
    }
}
