package io.taskledger.infra.axon;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.common.lock.Lock;
import org.axonframework.common.lock.LockFactory;
import org.axonframework.common.lock.PessimisticLockFactory;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AnnotationCommandTargetResolver;
import org.axonframework.modelling.command.CommandTargetResolver;

/**
 * Lets one command per aggregate at a time into the command's transaction; the others for the same aggregate wait
 * here, holding no database connection. Axon locks the aggregate only after the transaction has begun, and a
 * transaction holds a pooled connection from its start: with many requests for one project, the pool's connections
 * went to commands waiting for that project's lock, while the command holding it could not get one to commit
 * (docs/benchmarks.md, 1000 connections). The lock is held until the unit of work is cleaned up, after its commit,
 * as Axon's own aggregate lock is; that one is then always free when the command reaches it.
 */
public class OneCommandPerAggregate implements MessageHandlerInterceptor<CommandMessage<?>> {

    private final CommandTargetResolver targets = AnnotationCommandTargetResolver.builder().build();
    private final LockFactory locks = PessimisticLockFactory.usingDefaults();

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain)
            throws Exception {
        String aggregate = targets.resolveTarget(unitOfWork.getMessage()).getIdentifier();
        Lock lock = locks.obtainLock(aggregate);
        unitOfWork.onCleanup(done -> lock.release());
        return chain.proceed();
    }
}
