package io.taskledger.infra.axon;

import org.axonframework.axonserver.connector.AxonServerConfiguration;
import org.axonframework.axonserver.connector.AxonServerConnectionManager;
import org.axonframework.axonserver.connector.TargetContextResolver;
import org.axonframework.axonserver.connector.query.AxonServerQueryBus;
import org.axonframework.axonserver.connector.query.QueryPriorityCalculator;
import org.axonframework.queryhandling.QueryBusSpanFactory;
import org.axonframework.queryhandling.QueryMessage;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.axonframework.queryhandling.SimpleQueryBus;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.context.annotation.Profile;

/**
 * The {@code axonserver} profile (application-axonserver.yml, docs/deployment.md "Axon Server"): Axon Server routes
 * commands and queries between the nodes, and PostgreSQL stays the event store, so the audit log, the hash chain,
 * time travel and rebuilds read the same tables as without it. Commands are routed by their
 * {@code @TargetAggregateIdentifier} (Axon's default routing strategy): every command of a project reaches the node
 * that holds the project's cached aggregate. Axon's auto-configuration brings the command bus (with
 * {@link AxonConfiguration#commandBus}, qualified as its local segment, handling what is routed here); the query bus
 * is built here so that its local segment is the server's own {@link SimpleQueryBus}, without Axon's transaction
 * around every query.
 */
@Configuration(proxyBeanMethods = false)
@Profile("axonserver")
public class AxonServerRouting {

    @Bean
    @Primary
    AxonServerQueryBus axonServerQueryBus(AxonServerConnectionManager connections, AxonServerConfiguration axonServer,
                                          org.axonframework.config.Configuration axon, SimpleQueryBus localSegment,
                                          @Qualifier("messageSerializer") Serializer messageSerializer,
                                          Serializer genericSerializer, QueryPriorityCalculator priorityCalculator,
                                          TargetContextResolver<? super QueryMessage<?, ?>> targetContextResolver) {
        return AxonServerQueryBus.builder()
                .axonServerConnectionManager(connections)
                .configuration(axonServer)
                .localSegment(localSegment)
                .updateEmitter(axon.getComponent(QueryUpdateEmitter.class))
                .messageSerializer(messageSerializer)
                .genericSerializer(genericSerializer)
                .priorityCalculator(priorityCalculator)
                .targetContextResolver(targetContextResolver)
                .spanFactory(axon.getComponent(QueryBusSpanFactory.class))
                .build();
    }
}
