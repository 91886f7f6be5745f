package io.taskledger.infra.observability;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Collection;
import java.util.OptionalLong;

/**
 * Where each streaming event processor stands against the head of the event store, per processing group:
 * <ul>
 * <li>{@code taskledger.eventprocessor.lag.events}: events stored but not yet handled by the slowest segment this node
 * holds (0 when caught up; NaN while the node holds no segment of the group);</li>
 * <li>{@code taskledger.eventprocessor.segments.error}: segments stopped on a failing handler (Taskledger stops a
 * segment instead of skipping an event, so this is its "dead letters" signal: any value above 0 needs a person);</li>
 * <li>{@code taskledger.eventprocessor.dead.letters}: events parked in the group's dead-letter queue (a handler, or the
 * database at commit, refused them); above 0, some project's read model stands still until a person retries;</li>
 * <li>{@code taskledger.eventprocessor.segments.claimed} and {@code taskledger.eventprocessor.replaying}.</li>
 * </ul>
 * Axon's own {@code eventProcessor.latency} is the age of the last event handled, which reads high on a quiet system;
 * the lag in events does not. The gauges are registered once the application is ready: Axon builds its processors
 * after the meter registry is bound.
 */
@Component
public class EventProcessorLagMetrics {

    /** The head is one indexed query; scrapes of several gauges within this time share it. */
    private static final Duration HEAD_CACHE = Duration.ofSeconds(1);

    private final MeterRegistry registry;
    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;
    private long headReadAt;
    private long cachedHead = -1;

    public EventProcessorLagMetrics(MeterRegistry registry, EventProcessingConfiguration processing,
                                    EventStore eventStore) {
        this.registry = registry;
        this.processing = processing;
        this.eventStore = eventStore;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void registerGauges() {
        processing.eventProcessors().forEach((name, processor) -> {
            if (processor instanceof StreamingEventProcessor streaming) {
                Gauge.builder("taskledger.eventprocessor.lag.events", streaming, this::lagInEvents)
                        .tag("processingGroup", name)
                        .description("Events in the store not yet handled by the slowest segment held here")
                        .register(registry);
                Gauge.builder("taskledger.eventprocessor.segments.error", streaming,
                                p -> statuses(p).stream().filter(EventTrackerStatus::isErrorState).count())
                        .tag("processingGroup", name)
                        .description("Segments stopped on a failing event handler")
                        .register(registry);
                processing.deadLetterQueue(name).ifPresent(queue ->
                        Gauge.builder("taskledger.eventprocessor.dead.letters", queue, SequencedDeadLetterQueue::size)
                                .tag("processingGroup", name)
                                .description("Events parked in the dead-letter queue")
                                .register(registry));
                Gauge.builder("taskledger.eventprocessor.segments.claimed", streaming, p -> statuses(p).size())
                        .tag("processingGroup", name)
                        .description("Segments this node processes")
                        .register(registry);
                Gauge.builder("taskledger.eventprocessor.replaying", streaming, p -> p.isReplaying() ? 1 : 0)
                        .tag("processingGroup", name)
                        .description("1 while the processor replays (a rebuild), else 0")
                        .register(registry);
            }
        });
    }

    double lagInEvents(StreamingEventProcessor processor) {
        Collection<EventTrackerStatus> statuses = statuses(processor);
        if (statuses.isEmpty()) {
            return Double.NaN;
        }
        long slowest = Long.MAX_VALUE;
        for (EventTrackerStatus status : statuses) {
            OptionalLong position = status.getCurrentPosition();
            slowest = Math.min(slowest, position.orElse(-1));
        }
        return lag(head(), slowest);
    }

    /** Events between a position and the head; -1 is "nothing handled yet". */
    static double lag(long head, long position) {
        return Math.max(0, head - Math.max(position, 0));
    }

    private static Collection<EventTrackerStatus> statuses(StreamingEventProcessor processor) {
        return processor.processingStatus().values();
    }

    private synchronized long head() {
        long now = System.nanoTime();
        if (cachedHead < 0 || now - headReadAt > HEAD_CACHE.toNanos()) {
            TrackingToken head = eventStore.createHeadToken();
            cachedHead = head == null ? 0 : head.position().orElse(0);
            headReadAt = now;
        }
        return cachedHead;
    }
}
