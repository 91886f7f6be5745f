package io.taskledger.infra.axon;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.SnapshotterSpanFactory;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.annotation.HandlerDefinition;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.spring.eventsourcing.SpringAggregateSnapshotter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;

/** How Axon serializes, snapshots and processes events in Taskledger. */
@Configuration(proxyBeanMethods = false)
public class AxonConfiguration {

    /**
     * The Jackson 2 mapper behind every Axon serializer (events, messages, snapshots, tokens, deadlines): ISO-8601
     * instants, and tolerance for fields it does not know, so an event written by a newer version still reads.
     */
    @Bean("defaultAxonObjectMapper")
    ObjectMapper defaultAxonObjectMapper() {
        return axonObjectMapper();
    }

    public static ObjectMapper axonObjectMapper() {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
    }

    /** Referenced by name from {@code @Aggregate(snapshotTriggerDefinition = ...)} on the Project aggregate. */
    @Bean
    SnapshotTriggerDefinition projectSnapshotTrigger(Snapshotter snapshotter,
                                                     @Value("${taskledger.snapshot-threshold}") int threshold) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, threshold);
    }

    /**
     * Every processing group streams in pooled mode unless its properties say otherwise, and a failing handler stops
     * its segment (to be retried with back-off) instead of Axon's default of logging the error and skipping the
     * event, which would silently lose it from the read model.
     */
    @Bean
    ConfigurerModule eventProcessingDefaults() {
        return configurer -> configurer.eventProcessing()
                .usingPooledStreamingEventProcessors()
                .registerDefaultListenerInvocationErrorHandler(configuration -> PropagatingErrorHandler.instance());
    }

    @Bean
    AuditCorrelationDataProvider auditCorrelationDataProvider() {
        return new AuditCorrelationDataProvider();
    }

    /** The one source of time for the domain; tests replace it. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
