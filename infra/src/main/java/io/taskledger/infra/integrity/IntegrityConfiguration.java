package io.taskledger.infra.integrity;

import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Puts {@link HashChainingEventStorageEngine} around the storage engine Axon's JDBC auto-configuration builds, so
 * that configuration (schema, serializers, upcasters, transactions) stays Axon's own.
 */
@Configuration(proxyBeanMethods = false)
public class IntegrityConfiguration {

    /** Static and lazy: a post-processor is created before the beans it needs. */
    @Bean
    static BeanPostProcessor hashChainingEventStorage(@Qualifier("eventSerializer") ObjectProvider<Serializer> serializer,
                                                      ObjectProvider<JdbcTemplate> jdbc) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof EventStorageEngine engine && !(bean instanceof HashChainingEventStorageEngine)) {
                    StoredEventHashes stored = new StoredEventHashes(jdbc.getObject());
                    return new HashChainingEventStorageEngine(engine, serializer.getObject(), stored::hashOf);
                }
                return bean;
            }
        };
    }
}
