package io.taskledger.infra.observability;

import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.ConfigurerModule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Every Axon component (command bus, event store, event processors, query bus) reports to {@link MessageMetrics}.
 * axon-micrometer's own monitors are switched off ({@code axon.metrics.auto-configuration.enabled: false}).
 */
@Configuration(proxyBeanMethods = false)
public class MessageMetricsConfiguration {

    @Bean
    ConfigurerModule messageMetrics(MeterRegistry registry) {
        MessageMetrics.Factory metrics = new MessageMetrics.Factory(registry);
        return configurer -> configurer.configureMessageMonitor(axon -> metrics::forComponent);
    }
}
