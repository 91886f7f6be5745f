package io.taskledger.infra.persistence;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import javax.sql.DataSource;

/**
 * Splits the application's connection pool in two, {@link WorkloadRoutingDataSource}: whichever way the pool was made
 * (Spring Boot's from {@code spring.datasource.*}, or the embedded database's), event processing gets a pool of
 * {@code taskledger.event-processing.pool-size} connections of its own beside it.
 */
@Configuration(proxyBeanMethods = false)
public class ConnectionPoolsConfiguration {

    /** Static: a post-processor must exist before the beans it processes, this configuration's included. */
    @Bean
    static BeanPostProcessor eventProcessingPoolBesideTheDataSource() {
        return new EventProcessingPoolBesideTheDataSource();
    }

    /**
     * Hikari's metrics for the event-processing pool, tagged {@code pool=taskledger-event-processing}; Spring Boot
     * binds the request pool's, which the {@code DataSource} bean unwraps to outside event processing.
     */
    @Bean
    MeterBinder eventProcessingPoolMetrics(DataSource dataSource) {
        return registry -> {
            // Hikari takes one metrics tracker per pool; one configured for the request pool was copied over.
            if (dataSource instanceof WorkloadRoutingDataSource pools
                    && pools.eventProcessingPool().getMetricsTrackerFactory() == null
                    && pools.eventProcessingPool().getMetricRegistry() == null) {
                pools.eventProcessingPool().setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(registry));
            }
        };
    }

    static class EventProcessingPoolBesideTheDataSource implements BeanPostProcessor, EnvironmentAware {

        private int eventProcessingPoolSize;

        @Override
        public void setEnvironment(Environment environment) {
            eventProcessingPoolSize = environment.getRequiredProperty("taskledger.event-processing.pool-size", Integer.class);
        }

        @Override
        public Object postProcessAfterInitialization(Object bean, String beanName) {
            if (bean instanceof HikariDataSource requestPool && beanName.equals("dataSource")) {
                return new WorkloadRoutingDataSource(requestPool,
                        WorkloadRoutingDataSource.eventProcessingPoolLike(requestPool, eventProcessingPoolSize));
            }
            return bean;
        }
    }
}
