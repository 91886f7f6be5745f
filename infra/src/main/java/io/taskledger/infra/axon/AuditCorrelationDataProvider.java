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
 * {@code channel} names the door the command came in by ({@code rest}, {@code graphql}, {@code mcp}); a deadline's
 * events have none (the server acts, not the client), nor have the server's own commands.
 * {@code causationKind} ({@code COMMAND}, {@code DEADLINE} or {@code EVENT}) and {@code causationName} (the command's
 * class or the deadline's name) say what the causing message was, so an auditor following the chain back reads
 * "ReportAttemptCommand", not only an id.
 *
 * <p>A deadline's events also say which message scheduled the deadline ({@code deadlineScheduledBy}): a deadline
 * scheduled while a command is handled carries that command's correlation data in its metadata (Axon merges the unit
 * of work's correlation data into every message created in it, and the db-scheduler deadline manager stores the
 * metadata with the deadline and restores it when it fires), so its {@code causationId} is the scheduling command's
 * id. The causation chain follows it from a lease expiry back to the {@code StartTaskCommand} that opened the lease.
 */
public class AuditCorrelationDataProvider implements CorrelationDataProvider {

    public static final String ACTOR = "actor";
    public static final String ACTOR_ROLE = "actorRole";
    public static final String CORRELATION_ID = "correlationId";
    public static final String CAUSATION_ID = "causationId";
    public static final String CAUSATION_NAME = "causationName";
    public static final String CAUSATION_KIND = "causationKind";
    public static final String DEADLINE_SCHEDULED_BY = "deadlineScheduledBy";
    public static final String CHANNEL = "channel";
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
        Object scheduledBy = message instanceof DeadlineMessage<?> ? message.getMetaData().get(CAUSATION_ID) : null;
        if (scheduledBy != null) {
            data.put(DEADLINE_SCHEDULED_BY, scheduledBy);
        }
        Object actor = message instanceof DeadlineMessage<?> ? SYSTEM_ACTOR : message.getMetaData().get(ACTOR);
        if (actor != null) {
            data.put(ACTOR, actor);
        }
        Object actorRole = message instanceof DeadlineMessage<?> ? null : message.getMetaData().get(ACTOR_ROLE);
        if (actorRole != null) {
            data.put(ACTOR_ROLE, actorRole);
        }
        Object channel = message instanceof DeadlineMessage<?> ? null : message.getMetaData().get(CHANNEL);
        if (channel != null) {
            data.put(CHANNEL, channel);
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
