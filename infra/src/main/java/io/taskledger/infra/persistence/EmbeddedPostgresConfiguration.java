package io.taskledger.infra.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * With no {@code spring.datasource.url} configured, Taskledger runs on a real PostgreSQL of its own: an embedded
 * server whose data lives in {@code taskledger.data-dir}/postgres and survives restarts. Setting the URL switches
 * to an external PostgreSQL and starts nothing. The server is started early, by {@link EmbeddedPostgresEarlyStart}.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedPostgresConfiguration.NoDataSourceUrl.class)
public class EmbeddedPostgresConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresConfiguration.class);

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(EmbeddedPostgresEarlyStart.Startup startup) {
        return startup.await();
    }

    @Bean(destroyMethod = "close")
    DataSource dataSource(EmbeddedPostgres postgres,
                          @Value("${spring.datasource.hikari.maximum-pool-size:20}") int poolSize,
                          @Value("${spring.datasource.hikari.connection-timeout:5000}") long connectionTimeoutMillis) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("taskledger-embedded");
        config.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
        config.setMaximumPoolSize(poolSize);
        config.setConnectionTimeout(connectionTimeoutMillis);
        // As for an external database (application.yml): a JDBC batch of inserts goes as multi-row inserts.
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        return new HikariDataSource(config);
    }

    /**
     * Starts the server on {@code dataDir}/postgres, creating the cluster if there is none.
     *
     * @param serverConfig PostgreSQL settings on top of the durable defaults (tests turn durability off for speed)
     */
    static EmbeddedPostgres start(Path dataDir, boolean clean, Map<String, String> serverConfig) throws IOException {
        Path pgData = dataDir.toAbsolutePath().resolve("postgres");
        Files.createDirectories(pgData.getParent());
        OrphanedPostmaster.stopIfAny(pgData);
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(pgData)
                .setCleanDataDirectory(clean)
                // Spring stops it, after everything that uses it; a JVM hook of its own could stop it first.
                .setRegisterShutdownHook(false)
                // zonky starts PostgreSQL with fsync off (-F) and synchronous_commit off, made for throwaway test
                // databases: a crash could then lose committed events or corrupt the cluster. These are the data.
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on");
        serverConfig.forEach(builder::setServerConfig);
        EmbeddedPostgres postgres = builder.start();
        log.info("Embedded PostgreSQL started on port {} with data in {}", postgres.getPort(), pgData);
        return postgres;
    }

    static boolean wanted(Environment environment) {
        return !StringUtils.hasText(environment.getProperty("spring.datasource.url"));
    }

    static class NoDataSourceUrl implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return wanted(context.getEnvironment());
        }
    }
}
