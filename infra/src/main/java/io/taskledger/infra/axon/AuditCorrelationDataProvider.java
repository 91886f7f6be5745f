package io.taskledger.infra.axon;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.deadline.DeadlineMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.correlation.CorrelationDataProvider;

import java.util.HashMap;
import java.util.Map;

/**
 * Copies the audit trail from a message to everything it causes: who acted ({@code actor}, with the global role it
 * acted in as {@code actorRole}), the request it belongs
 * to ({@code correlationId}) and the message that caused it ({@code causationId}). A command's events thus name the
 * command; a deadline's events name the deadline, and their actor is {@value #SYSTEM_ACTOR}, not whoever scheduled it.
 * {@code causationKind} ({@code COMMAND}, {@code DEADLINE} or {@code EVENT}) and {@code causationName} (the command's
 * class or the deadline's name) say what the causing message was, so an auditor following the chain back reads
 * "ReportAttemptCommand", not only an id.
 */
public class AuditCorrelationDataProvider implements CorrelationDataProvider {

    public static final String ACTOR = "actor";
    public static final String ACTOR_ROLE = "actorRole";
    public static final String CORRELATION_ID = "correlationId";
    public static final String CAUSATION_ID = "causationId";
    public static final String CAUSATION_NAME = "causationName";
    public static final String CAUSATION_KIND = "causationKind";
    public static final String SYSTEM_ACTOR = "system";

    @Override
    public Map<String, ?> correlationDataFor(Message<?> message) {
        Map<String, Object> data = new HashMap<>();
        data.put(CAUSATION_ID, message.getIdentifier());
        data.put(CAUSATION_NAME, message instanceof DeadlineMessage<?> deadline
                ? deadline.getDeadlineName() : message.getPayloadType().getSimpleName());
        data.put(CAUSATION_KIND, kindOf(message));
        Object correlationId = message.getMetaData().get(CORRELATION_ID);
        data.put(CORRELATION_ID, correlationId != null ? correlationId : message.getIdentifier());
        Object actor = message instanceof DeadlineMessage<?> ? SYSTEM_ACTOR : message.getMetaData().get(ACTOR);
        if (actor != null) {
            data.put(ACTOR, actor);
        }
        Object actorRole = message instanceof DeadlineMessage<?> ? null : message.getMetaData().get(ACTOR_ROLE);
        if (actorRole != null) {
            data.put(ACTOR_ROLE, actorRole);
        }
        return data;
    }

    private static String kindOf(Message<?> message) {
        if (message instanceof CommandMessage<?>) {
            return "COMMAND";
        }
        return message instanceof DeadlineMessage<?> ? "DEADLINE" : "EVENT";
    }
}
