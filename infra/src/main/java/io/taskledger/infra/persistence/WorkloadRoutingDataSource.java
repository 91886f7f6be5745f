package io.taskledger.infra.persistence;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.jdbc.datasource.lookup.AbstractRoutingDataSource;

import java.io.Closeable;
import java.util.Map;

/**
 * The application's one {@code DataSource}, over two connection pools: event processing (the tracking processors that
 * build the read models, and the event store's reader that feeds them) draws from a pool of its own, everything else
 * (requests, commands, queries, schedulers) from the request pool. Under load, many request threads queue for the
 * request pool; with one pool the projection threads queued behind them and the read models fell behind
 * (docs/benchmarks.md). Which pool a connection comes from is decided
 * by the thread that asks, so a transaction keeps the connection it began with.
 */
public class WorkloadRoutingDataSource extends AbstractRoutingDataSource implements Closeable {

    /** Who is asking for a connection. */
    public enum Workload {
        REQUESTS,
        EVENT_PROCESSING;

        /**
         * Axon runs each tracking processor's threads in a thread group named {@code EventProcessor[<name>]} and the
         * event store's reader in one named {@code EmbeddedEventStore}; {@code WorkloadRoutingTest} fails if that
         * changes.
         */
        public static Workload ofCurrentThread() {
            ThreadGroup group = Thread.currentThread().getThreadGroup();
            String name = group == null ? "" : group.getName();
            return name.startsWith("EventProcessor[") || name.equals("EmbeddedEventStore")
                    ? EVENT_PROCESSING : REQUESTS;
        }
    }

    private final HikariDataSource requestPool;
    private final HikariDataSource eventProcessingPool;

    public WorkloadRoutingDataSource(HikariDataSource requestPool, HikariDataSource eventProcessingPool) {
        this.requestPool = requestPool;
        this.eventProcessingPool = eventProcessingPool;
        setTargetDataSources(Map.of(Workload.REQUESTS, requestPool, Workload.EVENT_PROCESSING, eventProcessingPool));
        setDefaultTargetDataSource(requestPool);
        setLenientFallback(false);
        afterPropertiesSet();
    }

    static final String EVENT_PROCESSING_POOL = "taskledger-event-processing";

    /**
     * A pool for event processing with the request pool's settings (database, credentials, driver properties), its
     * own name and size. Its connections are kept open (minimum idle = size): the processors use them all the time.
     * They name themselves in {@code pg_stat_activity.application_name}, so an operator sees which pool a backend
     * serves, and they commit without waiting for the disk ({@code synchronous_commit = off}): what they write is
     * derived from the events, and a read model's rows and its processor's token commit together, so a crash loses at
     * most the last few hundred milliseconds of both, and the processor handles those events again. The events
     * themselves are appended on the request pool and stay durable.
     */
    public static HikariDataSource eventProcessingPoolLike(HikariDataSource requestPool, int size) {
        HikariDataSource pool = new HikariDataSource();
        requestPool.copyStateTo(pool);
        pool.setPoolName(EVENT_PROCESSING_POOL);
        pool.setMaximumPoolSize(size);
        pool.setMinimumIdle(size);
        String sessionSettings = "SET application_name = '" + EVENT_PROCESSING_POOL + "'; SET synchronous_commit = off";
        String requestPoolInit = requestPool.getConnectionInitSql();
        pool.setConnectionInitSql(requestPoolInit == null || requestPoolInit.isBlank()
                ? sessionSettings : sessionSettings + "; " + requestPoolInit);
        return pool;
    }

    @Override
    protected Object determineCurrentLookupKey() {
        return Workload.ofCurrentThread();
    }

    public HikariDataSource requestPool() {
        return requestPool;
    }

    public HikariDataSource eventProcessingPool() {
        return eventProcessingPool;
    }

    @Override
    public void close() {
        eventProcessingPool.close();
        requestPool.close();
    }
}
