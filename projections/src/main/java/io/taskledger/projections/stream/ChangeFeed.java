package io.taskledger.projections.stream;

import io.taskledger.api.access.Caller;
import io.taskledger.api.event.EscalationResolved;
import io.taskledger.api.event.MemberRemoved;
import io.taskledger.api.event.ProjectEvent;
import io.taskledger.api.event.TaskEscalated;
import io.taskledger.api.event.TaskEvent;
import io.taskledger.api.ids.ProjectId;
import io.taskledger.api.stream.EscalationChange;
import io.taskledger.api.stream.FollowEscalationsQuery;
import io.taskledger.api.stream.FollowProjectQuery;
import io.taskledger.api.stream.ProjectChange;
import io.taskledger.projections.board.ProjectReadAccess;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The live feed of committed events on this node: one thread follows the event store (as a tracking processor
 * does, through the store's shared reader, with the gap-aware position that sees a late-committing transaction's
 * events too) and hands every project event to the subscription queries that follow its project
 * ({@link FollowProjectQuery}) or an inbox it concerns ({@link FollowEscalationsQuery}), through Axon's
 * {@link QueryUpdateEmitter}.
 *
 * <p>Node-local on purpose: each node's streams are served by that node, so every node must see every event, wherever
 * it was committed. A tracking processor would share its token's segments with the other nodes (and show up among
 * the projections operators rebuild); this feed keeps its position in memory and starts near the head, when the first
 * stream opens. It starts {@link #LOOKBACK} back, so an event whose transaction was still in flight at that moment,
 * holding a position below the head, is still seen; the events before it that it emits again are dropped by each
 * stream, which sends each version once.
 *
 * <p>It never waits on a client: the emitter hands each change to every stream's bounded buffer and goes on; a
 * stream's own thread writes it out (query-side).
 */
@Component
public class ChangeFeed implements SmartLifecycle {

    static final Duration LOOKBACK = Duration.ofSeconds(10);
    private static final Duration RETRY_AFTER = Duration.ofSeconds(1);
    private static final Logger log = LoggerFactory.getLogger(ChangeFeed.class);

    private final EventStore eventStore;
    private final QueryUpdateEmitter emitter;
    private final ProjectReadAccess access;
    private volatile boolean running;
    private Thread follower;

    public ChangeFeed(EventStore eventStore, QueryUpdateEmitter emitter, ProjectReadAccess access) {
        this.eventStore = eventStore;
        this.emitter = emitter;
        this.access = access;
    }

    /** Starts following the store unless it already does: called when a stream opens. */
    synchronized void ensureFollowing() {
        if (follower != null || !running) {
            return;
        }
        follower = new Thread(this::follow, "live-change-feed");
        follower.setDaemon(true);
        follower.start();
    }

    private void follow() {
        TrackingToken position = null;
        while (running) {
            try {
                if (position == null) {
                    position = eventStore.createTokenAt(Instant.now().minus(LOOKBACK));
                }
                try (BlockingStream<TrackedEventMessage<?>> events = eventStore.openStream(position)) {
                    while (running) {
                        if (events.hasNextAvailable(1, TimeUnit.SECONDS)) {
                            TrackedEventMessage<?> event = events.nextAvailable();
                            position = event.trackingToken();
                            emit(event);
                        }
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (running) {
                    log.warn("The live feed lost the event store ({}); following it again in {}", e.getMessage(),
                            RETRY_AFTER);
                    pause();
                }
            }
        }
    }

    private void emit(TrackedEventMessage<?> event) {
        if (!(event instanceof DomainEventMessage<?> domainEvent) || !(event.getPayload() instanceof ProjectEvent
                projectEvent)) {
            return;
        }
        ProjectChange change = Changes.of(domainEvent);
        ProjectId projectId = projectEvent.projectId();
        emitter.emit(FollowProjectQuery.class, query -> query.projectId().equals(projectId), change);
        if (projectEvent instanceof MemberRemoved removed) {
            // The removed member's streams end after this change: from now on the project is hidden from them.
            emitter.complete(FollowProjectQuery.class, query -> query.projectId().equals(projectId)
                    && query.viewer().username().equals(removed.username())
                    && !query.viewer().role().readsEverything());
        }
        if (projectEvent instanceof TaskEscalated || projectEvent instanceof EscalationResolved) {
            EscalationChange escalation = new EscalationChange(event.trackingToken().position().orElse(-1),
                    change.type(), change.projectId(), change.version(), ((TaskEvent) projectEvent).taskKey().value(),
                    change.eventId(), change.occurredAt(), change.actor());
            Map<Caller, Boolean> mayRead = new HashMap<>();
            emitter.emit(FollowEscalationsQuery.class, query -> mayRead.computeIfAbsent(query.viewer(),
                    viewer -> access.visible(projectId, viewer)), escalation);
        }
    }

    private void pause() {
        try {
            Thread.sleep(RETRY_AFTER.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public synchronized void start() {
        running = true;
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (follower != null) {
            follower.interrupt();
            follower = null;
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
