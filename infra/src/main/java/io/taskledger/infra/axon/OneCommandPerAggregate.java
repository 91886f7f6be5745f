package io.taskledger.infra.axon;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.common.lock.LockAcquisitionFailedException;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AnnotationCommandTargetResolver;
import org.axonframework.modelling.command.CommandTargetResolver;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Lets one command per aggregate at a time into the command's transaction; the others for the same aggregate wait
 * here, in arrival order, holding no database connection. Axon locks the aggregate only after the transaction has
 * begun, and a transaction holds a pooled connection from its start: with many requests for one project, the pool's
 * connections went to commands waiting for that project's lock (docs/benchmarks.md, 1000 connections). Waiters
 * park instead of polling: Axon's own lock retries every 10 ms with a deadlock check, which at hundreds of waiters
 * cost more CPU than the commands. The lock is held until the unit of work is cleaned up, after its commit, as
 * Axon's is; that one is then always free when the command reaches it.
 */
public class OneCommandPerAggregate implements MessageHandlerInterceptor<CommandMessage<?>> {

    /** As long as a command may wait for a pooled connection (Hikari's default): longer waits are failures. */
    static final Duration MAX_WAIT = Duration.ofSeconds(30);

    /** A lock and how many commands hold or wait for it, so that it is forgotten when nobody does. */
    private static final class Queue {
        final ReentrantLock lock = new ReentrantLock(true);
        int commands;
    }

    private final CommandTargetResolver targets = AnnotationCommandTargetResolver.builder().build();
    private final Map<String, Queue> queues = new ConcurrentHashMap<>();

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain)
            throws Exception {
        String aggregate = targets.resolveTarget(unitOfWork.getMessage()).getIdentifier();
        Queue queue = join(aggregate);
        if (!queue.lock.tryLock(MAX_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
            leave(aggregate);
            throw new LockAcquisitionFailedException("aggregate " + aggregate + " stayed busy for " + MAX_WAIT);
        }
        unitOfWork.onCleanup(done -> {
            queue.lock.unlock();
            leave(aggregate);
        });
        return chain.proceed();
    }

    /** Commands currently holding or waiting for an aggregate's turn; for tests. */
    int aggregatesInUse() {
        return queues.size();
    }

    private Queue join(String aggregate) {
        return queues.compute(aggregate, (key, queue) -> {
            Queue joined = queue == null ? new Queue() : queue;
            joined.commands++;
            return joined;
        });
    }

    private void leave(String aggregate) {
        queues.computeIfPresent(aggregate, (key, queue) -> --queue.commands == 0 ? null : queue);
    }
}
