package io.taskledger.infra.axon;

import io.taskledger.api.error.ErrorCode;
import io.taskledger.api.error.TaskledgerException;
import io.taskledger.api.input.InputLimits;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;

import java.util.List;
import java.util.function.BiFunction;

/**
 * Refuses, before it is dispatched, a command that breaks {@link InputLimits}: whichever door sent it, nothing is
 * loaded, locked or stored for it. The refusal is {@code INVALID_INPUT} (400), listing every offending field.
 */
public class CommandInputLimits implements MessageDispatchInterceptor<CommandMessage<?>> {

    @Override
    public BiFunction<Integer, CommandMessage<?>, CommandMessage<?>> handle(
            List<? extends CommandMessage<?>> messages) {
        return (index, command) -> {
            List<String> violations = InputLimits.violations(command.getPayload());
            if (!violations.isEmpty()) {
                throw new TaskledgerException(ErrorCode.INVALID_INPUT, violations.size() == 1 ? violations.get(0)
                        : violations.size() + " fields are invalid: " + String.join("; ", violations), violations);
            }
            return command;
        };
    }
}
