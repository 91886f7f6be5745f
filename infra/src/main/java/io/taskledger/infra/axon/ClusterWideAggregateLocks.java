package io.taskledger.infra.axon;

import io.taskledger.api.error.ErrorCode;
import io.taskledger.api.error.TaskledgerException;
import org.axonframework.common.lock.Lock;
import org.axonframework.common.lock.LockFactory;
import org.axonframework.common.lock.PessimisticLockFactory;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import javax.sql.DataSource;
import java.time.Duration;

/**
 * The lock Axon's repositories take before loading an aggregate (for a command or a deadline), made good for several
 * server nodes over one PostgreSQL: after this JVM's own lock, the aggregate's turn for the cluster, a PostgreSQL
 * advisory lock held by the load's transaction until it commits (function {@code taskledger_take_aggregate_turn},
 * migration V50). Holding it, the node compares the version of its cached aggregate with the event store's and
 * forgets a cached aggregate another node has moved on, so no decision is taken on an old state, and two nodes never
 * append the same sequence number (which the event store's unique key would refuse as a concurrency error).
 *
 * <p>Within one node {@link OneCommandPerAggregate} has already queued the aggregate's commands without a connection,
 * so at most one transaction per node waits here for an aggregate. A wait is bounded as the node's own queue is: past
 * it the command is refused as {@code PROJECT_BUSY} (503, retry shortly).
 */
public final class ClusterWideAggregateLocks implements LockFactory {

    private final LockFactory inThisJvm = PessimisticLockFactory.usingDefaults();
    private final JdbcTemplate jdbc;
    private final BoundedAggregateCache cache;
    private final int maxWaitMillis;

    public ClusterWideAggregateLocks(DataSource dataSource, BoundedAggregateCache cache, Duration maxWait) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.cache = cache;
        this.maxWaitMillis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, maxWait.toMillis()));
    }

    @Override
    public Lock obtainLock(String aggregateId) {
        Lock lock = inThisJvm.obtainLock(aggregateId);
        try {
            if (!TransactionSynchronizationManager.isActualTransactionActive()) {
                // A transaction lock outside a transaction would be released at once and protect nothing.
                throw new IllegalStateException("aggregate " + aggregateId + " was loaded outside a transaction");
            }
            Long storedVersion = jdbc.queryForObject("SELECT taskledger_take_aggregate_turn(?, ?)", Long.class,
                    aggregateId, maxWaitMillis);
            cache.evictUnlessAt(aggregateId, storedVersion);
            return lock;
        } catch (PessimisticLockingFailureException lockTimeout) {
            lock.release();
            throw new TaskledgerException(ErrorCode.PROJECT_BUSY, aggregateId + " stayed busy on another server node for " + maxWaitMillis / 1000 + " s; retry shortly");
        } catch (RuntimeException e) {
            lock.release();
            throw e;
        }
    }
}
