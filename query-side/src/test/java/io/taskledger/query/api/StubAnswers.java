package io.taskledger.query.api;

import org.axonframework.queryhandling.DefaultQueryGateway;
import org.axonframework.queryhandling.SimpleQueryBus;

import java.util.function.Function;

/** A real query bus whose handlers are stubs: the HTTP layer is tested through the bus exactly as it uses it. */
final class StubAnswers {

    private final SimpleQueryBus queryBus = SimpleQueryBus.builder().build();

    <Q, R> StubAnswers answer(Class<Q> queryType, Class<R> answerType, Function<Q, R> answer) {
        queryBus.subscribe(queryType.getName(), answerType,
                message -> answer.apply(queryType.cast(message.getPayload())));
        return this;
    }

    BoardQueries queries() {
        return new BoardQueries(DefaultQueryGateway.builder().queryBus(queryBus).build());
    }
}
