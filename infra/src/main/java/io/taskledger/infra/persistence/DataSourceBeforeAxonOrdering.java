package io.taskledger.infra.persistence;

import org.axonframework.springboot.autoconfig.JdbcAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;

/**
 * Orders Spring Boot's {@code DataSource} before Axon's JDBC auto-configuration, which gives the event store, the
 * token store and the dead-letter queue only when a {@code DataSource} bean exists. Axon orders itself after Spring
 * Boot 3's class names and after JPA's auto-configuration; with no JPA on the classpath and Boot 4's names, it could be
 * evaluated first and, with the database configured by {@code spring.datasource.url}, leave the server without an
 * event store. Declares no bean: its place between the two is the whole point.
 */
@AutoConfiguration(after = DataSourceAutoConfiguration.class, before = JdbcAutoConfiguration.class)
public class DataSourceBeforeAxonOrdering {
}
