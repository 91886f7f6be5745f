package io.taskledger.infra.axon;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandBusSpanFactory;
import org.axonframework.commandhandling.DuplicateCommandHandlerResolver;
import org.axonframework.commandhandling.SimpleCommandBus;
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
import org.axonframework.messaging.interceptors.CorrelationDataInterceptor;
import org.axonframework.messaging.interceptors.TransactionManagingInterceptor;
import org.axonframework.queryhandling.LoggingQueryInvocationErrorHandler;
import org.axonframework.queryhandling.QueryBus;
import org.axonframework.queryhandling.QueryBusSpanFactory;
import org.axonframework.queryhandling.QueryInvocationErrorHandler;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.axonframework.queryhandling.SimpleQueryBus;
import org.axonframework.spring.eventsourcing.SpringAggregateSnapshotter;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

import java.time.Clock;
import java.time.Duration;
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

    /**
     * Axon's units of work run in Spring's transactions (the JDBC transaction manager: no JPA is on the classpath).
     * Declared here because Axon's {@code TransactionAutoConfiguration} orders itself after Spring Boot 3's class
     * names of the transaction-manager auto-configurations: on Boot 4 it can be evaluated before the JDBC one, find
     * no {@code PlatformTransactionManager} and fall back to no transactions at all ({@code ProjectKeyRaceTest} and
     * every read-your-writes test fail then).
     */
    @Bean
    TransactionManager axonTransactionManager(PlatformTransactionManager transactionManager) {
        return new SpringTransactionManager(transactionManager);
    }

    /**
     * Axon's command bus, refusing on dispatch any command that breaks the input limits ({@link CommandInputLimits}),
     * with one more handler interceptor, outermost: {@link OneCommandPerAggregate} queues commands for the
     * same aggregate before their transaction takes a connection, for at most {@code max-wait} (as long as a command
     * may wait for a pooled connection, Hikari's default) and, where an operator sets one, at most
     * {@code max-waiting-per-project} of them (no bound by default, see {@link OneCommandPerAggregate}). Otherwise as
     * Axon builds it (the transaction interceptor, then the correlation data). Qualified as Axon's local segment: under
     * the axonserver profile Axon Server's command bus routes the commands and hands them to this one
     * ({@link AxonServerRouting}); otherwise it is the command bus.
     */
    @Bean
    @Qualifier("localSegment")
    SimpleCommandBus commandBus(TransactionManager transactionManager, org.axonframework.config.Configuration axon,
                                DuplicateCommandHandlerResolver duplicateCommandHandlerResolver,
                                @Value("${taskledger.commands.max-waiting-per-project:#{T(java.lang.Integer).MAX_VALUE}}")
                                int maxWaitingPerProject,
                                @Value("${taskledger.commands.max-wait:30s}") Duration maxWait) {
        SimpleCommandBus commandBus = SimpleCommandBus.builder()
                .duplicateCommandHandlerResolver(duplicateCommandHandlerResolver)
                .spanFactory(axon.getComponent(CommandBusSpanFactory.class))
                .messageMonitor(axon.messageMonitor(CommandBus.class, "commandBus"))
                .build();
        commandBus.registerDispatchInterceptor(new CommandInputLimits());
        commandBus.registerHandlerInterceptor(new OneCommandPerAggregate(maxWaitingPerProject, maxWait));
        commandBus.registerHandlerInterceptor(new TransactionManagingInterceptor<>(transactionManager));
        commandBus.registerHandlerInterceptor(new CorrelationDataInterceptor<>(axon.correlationDataProviders()));
        return commandBus;
    }

    /**
     * Axon's query bus without its transaction around every query: each query handler declares the transaction it
     * needs ({@code @Transactional(readOnly = true)} where it reads several times and wants one snapshot), and a
     * single-statement read needs none. A JPA transaction per query (two per project-scoped request: the read gate's
     * and the read's) was a measurable share of a board read's CPU (docs/benchmarks.md). Otherwise as Axon builds it.
     */
    @Bean
    SimpleQueryBus queryBus(org.axonframework.config.Configuration axon) {
        return SimpleQueryBus.builder()
                .messageMonitor(axon.messageMonitor(QueryBus.class, "queryBus"))
                .errorHandler(axon.getComponent(QueryInvocationErrorHandler.class,
                        () -> LoggingQueryInvocationErrorHandler.builder().build()))
                .queryUpdateEmitter(axon.getComponent(QueryUpdateEmitter.class))
                .spanFactory(axon.getComponent(QueryBusSpanFactory.class))
                .build();
    }

    /**
     * Takes snapshots on a thread of its own. Axon's default runs the snapshot in the command's thread after the
     * commit, while the thread still holds the project's lock, and the snapshot needs a connection of its own: with
     * every pooled connection held by commands waiting for that lock, nothing moved until the pool's 30 s time-out
     * (thread dumps at 1000 connections, docs/benchmarks.md). One thread suffices: a snapshot that waits is only a
     * later optimisation; a lost one (the thread is a daemon) costs nothing, the events are the truth.
     */
    @Bean
    SpringAggregateSnapshotter aggregateSnapshotter(EventStore eventStore, TransactionManager transactionManager,
                                                    ParameterResolverFactory parameterResolverFactory,
                                                    HandlerDefinition handlerDefinition,
                                                    SnapshotterSpanFactory spanFactory) {
        Executor snapshotThread = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "aggregate-snapshotter");
            thread.setDaemon(true);
            return thread;
        });
        return SpringAggregateSnapshotter.builder()
                .eventStore(eventStore)
                .transactionManager(transactionManager)
                .parameterResolverFactory(parameterResolverFactory)
                .handlerDefinition(handlerDefinition)
                .spanFactory(spanFactory)
                .executor(snapshotThread)
                .build();
    }

    /** Referenced by name from {@code @Aggregate(snapshotTriggerDefinition = ...)} on the Project aggregate. */
    @Bean
    SnapshotTriggerDefinition projectSnapshotTrigger(Snapshotter snapshotter,
                                                     @Value("${taskledger.snapshot-threshold}") int threshold) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, threshold);
    }

    /**
     * Referenced by name from {@code @Aggregate(cache = ...)} on the Project aggregate: a command to a project loaded
     * recently finds it in memory instead of reading its snapshot and events again (loading was the largest share of
     * a command's CPU, docs/benchmarks.md), holding the {@code taskledger.aggregate-cache.max-projects} most recently
     * used. Axon evicts an aggregate whose unit of work rolls back; {@link ClusterWideAggregateLocks} one that another
     * server node has moved on.
     */
    @Bean
    BoundedAggregateCache projectCache(@Value("${taskledger.aggregate-cache.max-projects}") long maxProjects) {
        return new BoundedAggregateCache(maxProjects);
    }

    /**
     * Referenced by name from {@code @Aggregate(lockFactory = ...)} on every aggregate: one load at a time per
     * aggregate across every node over the database, waiting at most as long as a command waits for its project's
     * turn in this node.
     */
    @Bean
    ClusterWideAggregateLocks aggregateLocks(javax.sql.DataSource dataSource, BoundedAggregateCache projectCache,
                                             @Value("${taskledger.commands.max-wait:30s}") Duration maxWait) {
        return new ClusterWideAggregateLocks(dataSource, projectCache, maxWait);
    }

    /**
     * Every processing group is a tracking processor unless its properties say otherwise, and a failing handler stops
     * its segment (to be retried with back-off) instead of Axon's default of logging the error and skipping the
     * event, which would silently lose it from the read model. Tracking, not pooled: a tracking thread waits on the
     * embedded event store and wakes as soon as a commit brings new events, whereas the pooled coordinator, given no
     * availability callback by that store, looks for new events only every 500 ms: that was the floor of the
     * projection lag (docs/benchmarks.md).
     */
    @Bean
    ConfigurerModule eventProcessingDefaults() {
        return configurer -> configurer.eventProcessing()
                .usingTrackingEventProcessors()
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
