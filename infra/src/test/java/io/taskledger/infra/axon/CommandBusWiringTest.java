package io.taskledger.infra.axon;

import io.taskledger.support.IntegrationTest;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.messaging.interceptors.TransactionManagingInterceptor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.util.ReflectionTestUtils;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CommandBusWiringTest extends IntegrationTest {

    @Autowired
    private CommandBus commandBus;

    @Test
    void commands_queue_per_aggregate_before_their_transaction_takes_a_connection() {
        // The order is the fix (docs/benchmarks.md): behind the transaction, waiting commands would hold connections.
        List<?> interceptors = (List<?>) ReflectionTestUtils.getField(commandBus, "handlerInterceptors");

        assertThat(interceptors).hasAtLeastOneElementOfType(TransactionManagingInterceptor.class);
        assertThat(interceptors.get(0)).isInstanceOf(OneCommandPerAggregate.class);
    }
}
