package io.taskledger.infra.upcasting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.taskledger.api.event.TaskAdded;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * {@code TaskAdded} revision 1 → 2: {@code position} was renamed {@code planPosition}. Stored events are never
 * rewritten (the hash chain covers them as written); every reader (aggregate, projections, time travel, history)
 * gets revision 2. Axon's Spring configuration puts every upcaster bean into the event store's upcaster chain.
 */
@Component
@Order(1)
public class TaskAddedPositionUpcaster extends SingleEventUpcaster {

    private static final SimpleSerializedType REVISION_1 = new SimpleSerializedType(TaskAdded.class.getName(), "1");
    private static final SimpleSerializedType REVISION_2 = new SimpleSerializedType(TaskAdded.class.getName(), "2");

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation event) {
        return event.getType().equals(REVISION_1);
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation event) {
        return event.upcastPayload(REVISION_2, JsonNode.class, payload -> {
            ObjectNode upcast = ((ObjectNode) payload).deepCopy();
            upcast.set("planPosition", upcast.remove("position"));
            return upcast;
        });
    }
}
