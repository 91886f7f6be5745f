package io.taskledger.infra.observability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.messaging.Message;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.monitoring.NoOpMessageMonitor;
import org.axonframework.queryhandling.QueryBus;
import org.axonframework.queryhandling.QueryUpdateEmitter;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Timing and counting of Axon's messages, by component and message type, with the names axon-micrometer's dimensional
 * monitors use ({@code commandBus.allTimer{payloadType}}, {@code eventProcessor.failureCounter{processorName,
 * payloadType}}, ...; docs/observability.md). The meters of a message type are looked up once and kept: Axon's own
 * monitors register four timers with client-side percentiles, five counters and two gauges again for every
 * message, a large share of the server's CPU per command (docs/benchmarks.md).
 */
public final class MessageMetrics implements MessageMonitor<Message<?>> {

    /**
     * Makes the monitors, as {@code Configurer.configureMessageMonitor} asks for them. Commands and queries are timed
     * with quantiles (0.5 to 0.999), as they stand for requests; events are counted and timed without, and each event
     * processor reports the age of the last event it handled, on one gauge however often its monitor is asked for.
     */
    public static final class Factory {

        private final MeterRegistry registry;
        private final Map<String, AtomicLong> latencyByProcessor = new ConcurrentHashMap<>();

        public Factory(MeterRegistry registry) {
            this.registry = registry;
        }

        public MessageMonitor<Message<?>> forComponent(Class<?> componentType, String componentName) {
            if (EventProcessor.class.isAssignableFrom(componentType)) {
                return new MessageMetrics("eventProcessor", Tags.of("processorName", componentName), registry, false,
                        latencyByProcessor.computeIfAbsent(componentName, this::registerLatency));
            }
            if (CommandBus.class.isAssignableFrom(componentType) || QueryBus.class.isAssignableFrom(componentType)) {
                return new MessageMetrics(componentName, Tags.empty(), registry, true, null);
            }
            if (EventBus.class.isAssignableFrom(componentType)
                    || QueryUpdateEmitter.class.isAssignableFrom(componentType)) {
                return new MessageMetrics(componentName, Tags.empty(), registry, false, null);
            }
            return NoOpMessageMonitor.instance();
        }

        private AtomicLong registerLatency(String processorName) {
            AtomicLong latencyMillis = new AtomicLong();
            Gauge.builder("eventProcessor.latency", latencyMillis, AtomicLong::get)
                    .tags("processorName", processorName)
                    .description("age of the last event the processor handled, in milliseconds").register(registry);
            return latencyMillis;
        }
    }

    private record Meters(Timer all, Counter success, Counter failure, Counter ignored) {
    }

    private final String name;
    private final Tags componentTags;
    private final MeterRegistry registry;
    private final boolean quantiles;
    /** Null for components other than event processors. */
    private final AtomicLong latencyMillis;
    private final Map<Class<?>, Meters> metersByPayloadType = new ConcurrentHashMap<>();

    private MessageMetrics(String name, Tags componentTags, MeterRegistry registry, boolean quantiles,
                           AtomicLong latencyMillis) {
        this.name = name;
        this.componentTags = componentTags;
        this.registry = registry;
        this.quantiles = quantiles;
        this.latencyMillis = latencyMillis;
    }

    @Override
    public MonitorCallback onMessageIngested(Message<?> message) {
        Meters meters = metersOf(message.getPayloadType());
        long start = registry.config().clock().monotonicTime();
        if (latencyMillis != null && message instanceof EventMessage<?> event) {
            latencyMillis.set(registry.config().clock().wallTime() - event.getTimestamp().toEpochMilli());
        }
        return new MonitorCallback() {
            @Override
            public void reportSuccess() {
                recordTimeSince(start, meters);
                meters.success().increment();
            }

            @Override
            public void reportFailure(Throwable cause) {
                recordTimeSince(start, meters);
                meters.failure().increment();
            }

            @Override
            public void reportIgnored() {
                meters.ignored().increment();
            }
        };
    }

    private void recordTimeSince(long start, Meters meters) {
        meters.all().record(registry.config().clock().monotonicTime() - start, TimeUnit.NANOSECONDS);
    }

    private Meters metersOf(Class<?> payloadType) {
        Meters meters = metersByPayloadType.get(payloadType);
        return meters != null ? meters : metersByPayloadType.computeIfAbsent(payloadType, this::register);
    }

    private Meters register(Class<?> payloadType) {
        Tags tags = componentTags.and("payloadType", payloadType.getSimpleName());
        Timer.Builder all = Timer.builder(name + ".allTimer").tags(tags)
                .description("time to handle a message, successful or not");
        if (quantiles) {
            all.publishPercentiles(0.5, 0.75, 0.95, 0.98, 0.99, 0.999);
        }
        return new Meters(all.register(registry),
                Counter.builder(name + ".successCounter").tags(tags).register(registry),
                Counter.builder(name + ".failureCounter").tags(tags).register(registry),
                Counter.builder(name + ".ignoredCounter").tags(tags).register(registry));
    }
}
