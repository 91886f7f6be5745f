package io.taskledger.infra.axon;

import com.github.kagkarlsson.scheduler.Scheduler;
import io.taskledger.infra.cluster.NodeRole;
import io.taskledger.infra.cluster.NodeRoles;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurationScopeAwareProvider;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManagerSupplier;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.interceptors.CorrelationDataInterceptor;
import org.axonframework.serialization.Serializer;
import org.axonframework.tracing.SpanFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.List;

/**
 * Persistent deadlines (attempt leases) on db-scheduler: a deadline is a row in {@code scheduled_tasks}, written in
 * the same transaction as the events of the command that scheduled it, so it survives a restart and is never
 * scheduled for a command that rolled back.
 *
 * <p>The deadline's metadata is stored with it and restored when it fires: created inside the scheduling command's
 * unit of work, it holds that command's audit data (its {@code causationId} is the command's id). A fired deadline is
 * handled in a unit of work of its own, which gets the correlation data providers here (Axon registers them on the
 * command bus and the event processors, not on a deadline manager defined as a bean), so the events a deadline causes
 * name the deadline as their cause, and the command that scheduled it ({@link AuditCorrelationDataProvider}).
 */
@Configuration(proxyBeanMethods = false)
public class DeadlineConfiguration {

    @Bean
    DbSchedulerDeadlineManagerSupplier deadlineManagerSupplier() {
        return new DbSchedulerDeadlineManagerSupplier();
    }

    /** Not started here: the deadline manager starts it once Axon's configuration is up. */
    @Bean
    Scheduler deadlineScheduler(DataSource dataSource, DbSchedulerDeadlineManagerSupplier deadlineManagerSupplier,
                                @Value("${taskledger.deadlines.polling-interval:PT1S}") Duration pollingInterval) {
        return Scheduler.create(new TransactionAwareDataSourceProxy(dataSource),
                        DbSchedulerDeadlineManager.binaryTask(deadlineManagerSupplier))
                .pollingInterval(pollingInterval)
                .threads(2)
                // A node that dies while a deadline it picked runs leaves that execution picked; the others re-run it
                // once its heartbeats stop for 4 x 2 s (db-scheduler's default, 6 x 5 min, would delay a lease's
                // expiry by half an hour; 4 is its least). The lease handler ignores a lease already ended, so a
                // re-run changes nothing twice.
                .heartbeatInterval(Duration.ofSeconds(2))
                .missedHeartbeatsLimit(4)
                .build();
    }

    @Bean
    DeadlineManager deadlineManager(Scheduler deadlineScheduler,
                                    org.axonframework.config.Configuration configuration,
                                    @Qualifier("eventSerializer") Serializer serializer,
                                    TransactionManager transactionManager,
                                    SpanFactory spanFactory,
                                    DbSchedulerDeadlineManagerSupplier deadlineManagerSupplier,
                                    List<CorrelationDataProvider> correlationDataProviders,
                                    NodeRoles roles) {
        DbSchedulerDeadlineManager deadlineManager = DbSchedulerDeadlineManager.builder()
                .scheduler(deadlineScheduler)
                // A fired lease is a command: only nodes that take commands pick due deadlines.
                .startScheduler(roles.runs(NodeRole.COMMAND))
                .scopeAwareProvider(new ConfigurationScopeAwareProvider(configuration))
                .serializer(serializer)
                .transactionManager(transactionManager)
                .spanFactory(spanFactory)
                .build();
        deadlineManager.registerHandlerInterceptor(new CorrelationDataInterceptor<>(correlationDataProviders));
        deadlineManagerSupplier.set(deadlineManager);
        return deadlineManager;
    }
}
