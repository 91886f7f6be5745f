package io.taskledger.infra.axon;

import io.taskledger.api.error.ErrorCode;
import io.taskledger.api.error.TaskledgerException;
import org.axonframework.commandhandling.CommandMessage;
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
 *
 * <p>A command that waited {@code maxWait} in vain is refused as {@code PROJECT_BUSY} (503, retry shortly). A waiting
 * command holds its request thread (the server has 32); an operator may bound how many wait for one aggregate at once
 * ({@code maxWaiting}; one more is refused at once as {@code PROJECT_BUSY}), so that a burst for one project cannot
 * take every thread from the others. The server sets no bound by default: many agents working one project send it
 * more than a few commands at once, and refusing them cost more than their waiting (docs/benchmarks.md).
 */
public class OneCommandPerAggregate implements MessageHandlerInterceptor<CommandMessage<?>> {

    /** A lock and how many commands hold or wait for it, so that it is forgotten when nobody does. */
    private static final class Queue {
        final ReentrantLock lock = new ReentrantLock(true);
        int commands;
    }

    private final CommandTargetResolver targets = AnnotationCommandTargetResolver.builder().build();
    private final Map<String, Queue> queues = new ConcurrentHashMap<>();
    private final int maxWaiting;
    private final Duration maxWait;

    public OneCommandPerAggregate(int maxWaiting, Duration maxWait) {
        if (maxWaiting < 0 || maxWait.isNegative()) {
            throw new IllegalArgumentException("commands may wait for an aggregate in a number and a time from 0, not "
                    + maxWaiting + " and " + maxWait);
        }
        this.maxWaiting = maxWaiting;
        this.maxWait = maxWait;
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain)
            throws Exception {
        String aggregate = targets.resolveTarget(unitOfWork.getMessage()).getIdentifier();
        Queue queue = join(aggregate);
        if (queue == null) {
            throw busy(aggregate, "already has " + maxWaiting + " commands waiting for their turn");
        }
        if (!queue.lock.tryLock(maxWait.toMillis(), TimeUnit.MILLISECONDS)) {
            leave(aggregate);
            throw busy(aggregate, "stayed busy for " + maxWait.toSeconds() + " s");
        }
        unitOfWork.onCleanup(done -> {
            queue.lock.unlock();
            leave(aggregate);
        });
        return chain.proceed();
    }

    /** Aggregates some command holds or waits for; for tests. */
    int aggregatesInUse() {
        return queues.size();
    }

    /** Commands holding or waiting for the aggregate's turn; for tests. */
    int commandsInUse(String aggregate) {
        Queue queue = queues.get(aggregate);
        return queue == null ? 0 : queue.commands;
    }

    /** The aggregate's queue, joined; null when its holder and {@code maxWaiting} commands are in it already. */
    private Queue join(String aggregate) {
        Queue[] joined = new Queue[1];
        queues.compute(aggregate, (key, queue) -> {
            Queue current = queue == null ? new Queue() : queue;
            if (current.commands <= maxWaiting) {
                current.commands++;
                joined[0] = current;
            }
            return current;
        });
        return joined[0];
    }

    private static TaskledgerException busy(String aggregate, String why) {
        return new TaskledgerException(ErrorCode.PROJECT_BUSY, "project " + aggregate + " " + why + "; retry shortly");
    }

    private void leave(String aggregate) {
        queues.computeIfPresent(aggregate, (key, queue) -> --queue.commands == 0 ? null : queue);
    }
}
