package io.taskledger.infra.axon;

import io.taskledger.api.error.ErrorCode;
import io.taskledger.api.error.TaskledgerException;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

class OneCommandPerAggregateTest {

    record Touch(@TargetAggregateIdentifier String aggregate, String name) {
    }

    /** Stands where the transaction interceptor stands: what gets past it would now take a connection. */
    private final BlockingQueue<String> enteredTransaction = new LinkedBlockingQueue<>();
    private final Map<String, CountDownLatch> releases = new ConcurrentHashMap<>();
    private final SimpleCommandBus commandBus = SimpleCommandBus.builder().build();
    private final OneCommandPerAggregate oneCommandPerAggregate = new OneCommandPerAggregate(2, Duration.ofSeconds(1));

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
    void a_second_command_for_the_same_aggregate_waits_before_its_transaction_others_do_not()
            throws InterruptedException {
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
    void a_refused_command_releases_the_aggregate() throws InterruptedException {
        dispatch(new Touch("project-1", "refused"));
        assertThat(enteredTransaction.poll(5, TimeUnit.SECONDS)).isEqualTo("refused");

        dispatch(new Touch("project-1", "after"));
        assertThat(enteredTransaction.poll(5, TimeUnit.SECONDS)).isEqualTo("after");
        release("after");
        awaitNoAggregateInUse();
    }

    @Test
    void one_command_more_than_may_wait_is_refused_at_once_as_project_busy_other_projects_go_on()
            throws InterruptedException {
        dispatch(new Touch("project-1", "first"));
        assertThat(enteredTransaction.poll(5, TimeUnit.SECONDS)).isEqualTo("first");
        dispatch(new Touch("project-1", "second"));
        dispatch(new Touch("project-1", "third"));
        awaitCommandsInUse("project-1", 3);

        Throwable refusal = dispatchAndWait(new Touch("project-1", "fourth"));

        assertThat(refusal).isInstanceOfSatisfying(TaskledgerException.class, busy -> {
            assertThat(busy.code()).isEqualTo(ErrorCode.PROJECT_BUSY);
            assertThat(busy).as("refused without waiting").hasMessageContaining("already has 2 commands waiting");
        });
        dispatch(new Touch("project-2", "other project"));
        assertThat(enteredTransaction.poll(5, TimeUnit.SECONDS)).isEqualTo("other project");
        release("first");
        // The two waiters started on their own threads, so which of them queued first is not known.
        String next = enteredTransaction.poll(5, TimeUnit.SECONDS);
        assertThat(next).isIn("second", "third");
        release(next);
        assertThat(enteredTransaction.poll(5, TimeUnit.SECONDS)).isIn("second", "third").isNotEqualTo(next);
        release("second");
        release("third");
        release("other project");
        awaitNoAggregateInUse();
    }

    @Test
    void a_command_that_waited_its_maximum_in_vain_is_refused_as_project_busy() throws InterruptedException {
        dispatch(new Touch("project-1", "first"));
        assertThat(enteredTransaction.poll(5, TimeUnit.SECONDS)).isEqualTo("first");

        Throwable refusal = dispatchAndWait(new Touch("project-1", "too late"));

        assertThat(refusal).isInstanceOfSatisfying(TaskledgerException.class, busy -> {
            assertThat(busy.code()).isEqualTo(ErrorCode.PROJECT_BUSY);
            assertThat(busy).hasMessageContaining("stayed busy for 1 s");
        });
        assertThat(enteredTransaction).as("it never reached its transaction").isEmpty();
        release("first");
        awaitNoAggregateInUse();
    }

    /** Locks are forgotten once nobody holds or waits for them, so their number stays bounded. */
    private void awaitNoAggregateInUse() throws InterruptedException {
        awaitUpTo5Seconds(() -> oneCommandPerAggregate.aggregatesInUse() == 0);
        assertThat(oneCommandPerAggregate.aggregatesInUse()).isZero();
    }

    private void awaitCommandsInUse(String aggregate, int commands) throws InterruptedException {
        awaitUpTo5Seconds(() -> oneCommandPerAggregate.commandsInUse(aggregate) >= commands);
        assertThat(oneCommandPerAggregate.commandsInUse(aggregate)).isEqualTo(commands);
    }

    private static void awaitUpTo5Seconds(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    /** Dispatches on this thread and returns what the command failed with, or null. */
    private Throwable dispatchAndWait(Touch command) {
        releases.computeIfAbsent(command.name(), name -> new CountDownLatch(1));
        AtomicReference<Throwable> failure = new AtomicReference<>();
        commandBus.dispatch(GenericCommandMessage.asCommandMessage(command), (message, result) -> {
            if (result.isExceptional()) {
                failure.set(result.exceptionResult());
            }
        });
        return failure.get();
    }

    private void dispatch(Touch command) {
        releases.computeIfAbsent(command.name(), name -> new CountDownLatch(1));
        new Thread(() -> commandBus.dispatch(GenericCommandMessage.asCommandMessage(command))).start();
    }

    private void release(String name) {
        releases.get(name).countDown();
    }
}
