package io.taskledger.infra.axon;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class OneCommandPerAggregateTest {

    record Touch(@TargetAggregateIdentifier String aggregate, String name) {
    }

    /** Stands where the transaction interceptor stands: what gets past it would now take a connection. */
    private final BlockingQueue<String> enteredTransaction = new LinkedBlockingQueue<>();
    private final Map<String, CountDownLatch> releases = new ConcurrentHashMap<>();
    private final SimpleCommandBus commandBus = SimpleCommandBus.builder().build();
    private final OneCommandPerAggregate oneCommandPerAggregate = new OneCommandPerAggregate();

    OneCommandPerAggregateTest() {
        commandBus.registerHandlerInterceptor(oneCommandPerAggregate);
        MessageHandlerInterceptor<CommandMessage<?>> transaction = (unitOfWork, chain) -> {
            enteredTransaction.add(((Touch) unitOfWork.getMessage().getPayload()).name());
            return chain.proceed();
        };
        commandBus.registerHandlerInterceptor(transaction);
        commandBus.subscribe(Touch.class.getName(), command -> {
            String name = ((Touch) command.getPayload()).name();
            if (name.startsWith("refused")) {
                throw new IllegalStateException(name);
            }
            releases.get(name).await(10, TimeUnit.SECONDS);
            return null;
        });
    }

    @AfterEach
    void releaseEverything() {
        releases.values().forEach(CountDownLatch::countDown);
    }

    @Test
    void aSecondCommandForTheSameAggregateWaitsBeforeItsTransactionOthersDoNot() throws InterruptedException {
        dispatch(new Touch("project-1", "first"));
        assertThat(enteredTransaction.poll(5, TimeUnit.SECONDS)).isEqualTo("first");

        dispatch(new Touch("project-1", "second"));
        dispatch(new Touch("project-2", "other project"));

        assertThat(enteredTransaction.poll(5, TimeUnit.SECONDS)).isEqualTo("other project");
        assertThat(enteredTransaction.poll(300, TimeUnit.MILLISECONDS)).as("waits while the first is handled")
                .isNull();

        release("first");
        assertThat(enteredTransaction.poll(5, TimeUnit.SECONDS)).isEqualTo("second");
        release("second");
        release("other project");
        awaitNoAggregateInUse();
    }

    @Test
    void aRefusedCommandReleasesTheAggregate() throws InterruptedException {
        dispatch(new Touch("project-1", "refused"));
        assertThat(enteredTransaction.poll(5, TimeUnit.SECONDS)).isEqualTo("refused");

        dispatch(new Touch("project-1", "after"));
        assertThat(enteredTransaction.poll(5, TimeUnit.SECONDS)).isEqualTo("after");
        release("after");
        awaitNoAggregateInUse();
    }

    /** Locks are forgotten once nobody holds or waits for them, so their number stays bounded. */
    private void awaitNoAggregateInUse() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (oneCommandPerAggregate.aggregatesInUse() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(oneCommandPerAggregate.aggregatesInUse()).isZero();
    }

    private void dispatch(Touch command) {
        releases.computeIfAbsent(command.name(), name -> new CountDownLatch(1));
        new Thread(() -> commandBus.dispatch(GenericCommandMessage.asCommandMessage(command))).start();
    }

    private void release(String name) {
        releases.get(name).countDown();
    }
}
