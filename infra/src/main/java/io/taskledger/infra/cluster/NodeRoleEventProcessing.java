package io.taskledger.infra.cluster;

import org.axonframework.config.EventProcessingModule;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.messaging.StreamableMessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Axon's event processing as Spring Boot configures it (processors, segments and threads from
 * {@code axon.eventhandling.processors.*}), except that a node without the role {@link NodeRole#PROJECTIONS} does
 * not start its tracking processors: they exist (operators still see them, stopped, in
 * {@code GET /api/admin/projections}) but never run, so they claim no token segment and apply no event. Subscribing
 * processors are part of the command that publishes the events and are unaffected. Replaces Axon's
 * {@code EventProcessingAutoConfiguration} bean, which steps aside for any {@link EventProcessingModule}.
 */
@Configuration(proxyBeanMethods = false)
class NodeRoleEventProcessing {

    @Bean
    EventProcessingModule eventProcessingModule(NodeRoles roles) {
        boolean runsProjections = roles.runs(NodeRole.PROJECTIONS);
        return new EventProcessingModule() {
            @Override
            protected EventProcessor trackingEventProcessor(String name, EventHandlerInvoker invoker,
                                                            TrackingEventProcessorConfiguration config,
                                                            StreamableMessageSource<TrackedEventMessage<?>> source) {
                return super.trackingEventProcessor(name, invoker, config.andAutoStart(runsProjections), source);
            }
        };
    }
}
