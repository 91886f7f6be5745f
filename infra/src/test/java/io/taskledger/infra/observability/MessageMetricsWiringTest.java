package io.taskledger.infra.observability;

import io.micrometer.core.instrument.MeterRegistry;
import io.taskledger.support.Eventually;
import io.taskledger.support.IntegrationTest;
import io.taskledger.support.Projects;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The running server's Axon components report to {@link MessageMetrics}, and axon-micrometer's monitors are off. */
class MessageMetricsWiringTest extends IntegrationTest {

    @Autowired
    private MeterRegistry meters;

    @Test
    void commands_events_and_the_board_processor_are_measured_by_message_type() {
        new Projects(api).create();

        assertThat(meters.get("commandBus.allTimer").tag("payloadType", "CreateProjectCommand").timer().count())
                .isPositive();
        assertThat(meters.get("eventStore.successCounter").tag("payloadType", "ProjectCreated").counter().count())
                .isPositive();
        Eventually.await(Duration.ofSeconds(10), () -> meters.find("eventProcessor.allTimer")
                .tags("processorName", "task-board", "payloadType", "ProjectCreated").timer(),
                timer -> timer != null && timer.count() > 0);
        assertThat(meters.find("commandBus.capacity").meters()).as("axon-micrometer's own monitors").isEmpty();
        assertThat(meters.find("commandBus.ingestedCounter").meters()).as("axon-micrometer's own monitors").isEmpty();
    }
}
