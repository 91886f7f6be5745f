package io.taskledger.query.stream;

import io.taskledger.api.access.Caller;
import io.taskledger.api.error.ErrorCode;
import io.taskledger.api.error.TaskledgerException;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import reactor.core.Disposable;

import java.security.Principal;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Opens live streams and knows which are open. A stream first subscribes to the live feed (an Axon subscription
 * query: its updates are buffered from the moment it is registered), then reads the history after the client's
 * position (the subscription's first answer, from the event store), and sends each change once, in order, the history
 * first: nothing committed in between is lost, nothing is sent twice. A client that may not see what it asks for is
 * refused (404 as for any read of it) before the stream starts. The security layer ends the streams whose token
 * expired or whose session was revoked ({@link #endWhere}).
 */
@Component
public class LiveStreams {

    private final QueryGateway queryGateway;
    private final Duration heartbeat;
    private final int bufferSize;
    private final int maxOpen;
    private final int historyPage;
    private final Set<LiveStream<?>> open = ConcurrentHashMap.newKeySet();

    public LiveStreams(QueryGateway queryGateway,
                       @Value("${taskledger.streams.heartbeat:15s}") Duration heartbeat,
                       @Value("${taskledger.streams.buffer-size:256}") int bufferSize,
                       @Value("${taskledger.streams.max-open:2000}") int maxOpen,
                       @Value("${taskledger.streams.history-page:500}") int historyPage) {
        this.queryGateway = queryGateway;
        this.heartbeat = heartbeat;
        this.bufferSize = bufferSize;
        this.maxOpen = maxOpen;
        this.historyPage = historyPage;
    }

    /** How many changes a stream reads from the history at once. */
    public int historyPage() {
        return historyPage;
    }

    /**
     * Subscribes, reads the first page of history (refusals are thrown here, before anything is sent), and hands the
     * stream to a thread of its own.
     *
     * @param openedAfter the position the client resumes after; null to start where the history ends now
     */
    public <I, U> SseEmitter open(Follow<I, U> follow, Caller caller, Principal principal, Long openedAfter) {
        if (open.size() >= maxOpen) {
            throw new TaskledgerException(ErrorCode.TOO_MANY_STREAMS, "this server node already serves " + maxOpen
                    + " streams (taskledger.streams.max-open); retry shortly, another node may take it");
        }
        SseEmitter emitter = new SseEmitter(0L);
        LiveStream<U>[] created = newStreamHolder();
        LiveStream<U> stream = new LiveStream<>(follow, caller, principal, emitter, bufferSize, heartbeat,
                () -> open.remove(created[0]));
        created[0] = stream;
        SubscriptionQueryResult<I, U> subscription = queryGateway.subscriptionQuery(follow.query().getClass().getName(), follow.query(),
                ResponseTypes.instanceOf(follow.answerType()), ResponseTypes.instanceOf(follow.changeType()),
                bufferSize);
        // Subscribed before the history is read: every change committed from here on reaches the buffer.
        Disposable updates = subscription.updates().subscribe(stream::offer,
                error -> stream.end("the feed failed: " + error.getMessage()), stream::feedCompleted);
        stream.subscribedWith(updates);
        Follow.Page<U> firstPage;
        try {
            firstPage = follow.firstPage().apply(firstAnswer(subscription));
        } catch (RuntimeException refused) {
            stream.end("refused");
            subscription.cancel();
            throw refused;
        }
        open.add(stream);
        emitter.onError(error -> stream.end("the connection failed"));
        emitter.onTimeout(() -> stream.end("timed out"));
        emitter.onCompletion(() -> stream.end("completed"));
        long after = openedAfter == null ? firstPage.position() : openedAfter;
        Thread writer = new Thread(() -> {
            try {
                stream.run(firstPage, after);
            } finally {
                subscription.cancel();
            }
        }, "live-stream-" + caller.username());
        writer.setDaemon(true);
        writer.start();
        return emitter;
    }

    @SuppressWarnings("unchecked")
    private static <U> LiveStream<U>[] newStreamHolder() {
        return new LiveStream[1];
    }

    private static <I> I firstAnswer(SubscriptionQueryResult<I, ?> subscription) {
        try {
            return subscription.initialResult().block();
        } catch (RuntimeException e) {
            Throwable cause = e;
            while (cause != null && !(cause instanceof TaskledgerException)) {
                cause = cause.getCause();
            }
            throw cause instanceof TaskledgerException refusal ? refusal : e;
        }
    }

    /** Ends every open stream the test holds for, with the reason. */
    public void endWhere(Predicate<LiveStream<?>> test, String reason) {
        List.copyOf(open).stream().filter(test).forEach(stream -> stream.end(reason));
    }

    /** The streams open on this node now. */
    public List<LiveStream<?>> open() {
        return List.copyOf(open);
    }

    public int openCount() {
        return open.size();
    }
}
