package io.taskledger.api.audit;

import java.time.Instant;
import java.util.Map;

/**
 * An event exactly as the event store holds it.
 *
 * @param sequence       its number in the project's stream (the project's version once it is applied), from 0
 * @param globalPosition its position in the store across all projects ({@code global_index})
 * @param type           the payload's simple class name, e.g. {@code TaskAdded}
 * @param revision       the payload's revision as written (upcasters apply only when events are read as objects)
 * @param payload        the payload's stored JSON
 */
public record RecordedEvent(
        String eventId,
        long sequence,
        long globalPosition,
        Instant timestamp,
        String type,
        String revision,
        Map<String, Object> payload,
        EventAuditMetadata metadata) {
}
