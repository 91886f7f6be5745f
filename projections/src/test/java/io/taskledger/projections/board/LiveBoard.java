package io.taskledger.projections.board;

import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.DomainEventMessage;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.util.List;

/**
 * The live task board on a real PostgreSQL ({@link BoardDatabase}), driven as an event processor drives it: events
 * through Axon's annotation adapter, inside transactions.
 */
final class LiveBoard implements AutoCloseable {

    final JdbcTemplate jdbc;
    final TransactionTemplate transactions;
    private final AnnotationConfigApplicationContext context;
    private final AnnotationEventHandlerAdapter projection;

    private LiveBoard(AnnotationConfigApplicationContext context) {
        this.context = context;
        this.projection = new AnnotationEventHandlerAdapter(context.getBean(TaskBoardProjection.class));
        this.transactions = context.getBean(TransactionTemplate.class);
        this.jdbc = new JdbcTemplate(context.getBean(DataSource.class));
    }

    static LiveBoard start() {
        return new LiveBoard(new AnnotationConfigApplicationContext(BoardDatabase.class));
    }

    /** The events in one transaction, as a processor applies a batch. */
    void applyInOneTransaction(List<DomainEventMessage<?>> events) {
        transactions.executeWithoutResult(status -> events.forEach(this::handle));
    }

    /** One event, in the caller's transaction if there is one. */
    void handle(DomainEventMessage<?> event) {
        try {
            projection.handle(event);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        context.close();
    }
}
