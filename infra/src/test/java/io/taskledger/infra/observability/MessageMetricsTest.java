package io.taskledger.infra.observability;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.messaging.Message;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.monitoring.MessageMonitor.MonitorCallback;
import org.axonframework.queryhandling.SimpleQueryBus;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class MessageMetricsTest {

    record StartSomething(String id) {
    }

    record SomethingStarted(String id) {
    }

    private final MockClock clock = new MockClock();
    private final MeterRegistry registry = new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock);
    private final MessageMetrics.Factory metrics = new MessageMetrics.Factory(registry);

    @Test
    void a_command_is_timed_and_counted_by_its_type_under_axons_dimensional_names() {
        MessageMonitor<Message<?>> commandBus = metrics.forComponent(SimpleCommandBus.class, "commandBus");

        MonitorCallback handled = commandBus.onMessageIngested(command());
        clock.add(Duration.ofMillis(7));
        handled.reportSuccess();
        commandBus.onMessageIngested(command()).reportFailure(new IllegalStateException("refused"));

        Timer all = registry.get("commandBus.allTimer").tag("payloadType", "StartSomething").timer();
        assertThat(all.count()).isEqualTo(2);
        assertThat(all.max(TimeUnit.MILLISECONDS)).isEqualTo(7);
        assertThat(registry.get("commandBus.successCounter").tag("payloadType", "StartSomething").counter().count())
                .isEqualTo(1);
        assertThat(registry.get("commandBus.failureCounter").tag("payloadType", "StartSomething").counter().count())
                .isEqualTo(1);
    }

    @Test
    void the_meters_of_a_message_type_are_registered_once_not_per_message() {
        MessageMonitor<Message<?>> commandBus = metrics.forComponent(SimpleCommandBus.class, "commandBus");
        commandBus.onMessageIngested(command()).reportSuccess();
        int meters = registry.getMeters().size();

        for (int i = 0; i < 100; i++) {
            commandBus.onMessageIngested(command()).reportSuccess();
        }

        assertThat(registry.getMeters()).hasSize(meters);
        assertThat(registry.get("commandBus.allTimer").timer().count()).isEqualTo(101);
    }

    @Test
    void commands_and_queries_publish_quantiles_and_events_do_not() {
        metrics.forComponent(SimpleQueryBus.class, "queryBus")
                .onMessageIngested(command()).reportSuccess();
        metrics.forComponent(TrackingEventProcessor.class, "task-board")
                .onMessageIngested(event(Instant.ofEpochMilli(clock.wallTime()))).reportSuccess();

        assertThat(registry.get("queryBus.allTimer").timer().takeSnapshot().percentileValues()).hasSize(6);
        assertThat(registry.get("eventProcessor.allTimer").timer().takeSnapshot().percentileValues()).isEmpty();
    }

    @Test
    void an_event_processor_is_tagged_by_name_counts_ignored_events_and_reports_the_age_of_the_last_event() {
        MessageMonitor<Message<?>> board = metrics.forComponent(TrackingEventProcessor.class, "task-board");
        Instant appended = Instant.ofEpochMilli(clock.wallTime());
        clock.add(Duration.ofMillis(250));

        board.onMessageIngested(event(appended)).reportSuccess();
        board.onMessageIngested(event(appended)).reportIgnored();

        assertThat(registry.get("eventProcessor.latency").tag("processorName", "task-board").gauge().value())
                .isEqualTo(250);
        assertThat(registry.get("eventProcessor.ignoredCounter")
                .tags("processorName", "task-board", "payloadType", "SomethingStarted").counter().count())
                .isEqualTo(1);
        assertThat(registry.get("eventProcessor.allTimer").tag("processorName", "task-board").timer().count())
                .isEqualTo(1);
    }

    @Test
    void a_processor_asked_for_twice_reports_its_latency_on_one_gauge() {
        metrics.forComponent(TrackingEventProcessor.class, "task-board");
        MessageMonitor<Message<?>> again = metrics.forComponent(TrackingEventProcessor.class, "task-board");
        Instant appended = Instant.ofEpochMilli(clock.wallTime());
        clock.add(Duration.ofMillis(40));

        again.onMessageIngested(event(appended)).reportSuccess();

        assertThat(registry.find("eventProcessor.latency").gauges()).hasSize(1);
        assertThat(registry.get("eventProcessor.latency").tag("processorName", "task-board").gauge().value())
                .isEqualTo(40);
    }

    private static GenericCommandMessage<StartSomething> command() {
        return new GenericCommandMessage<>(new StartSomething("1"));
    }

    private static GenericEventMessage<SomethingStarted> event(Instant timestamp) {
        return new GenericEventMessage<>("event-1", new SomethingStarted("1"), Map.of(), timestamp);
    }
}
