package io.taskledger.query.stream;

import io.taskledger.api.access.Caller;
import io.taskledger.api.error.ErrorCode;
import io.taskledger.api.error.TaskledgerException;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.util.concurrent.Queues;

import java.io.IOException;
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
public class LiveStreams implements SmartLifecycle {

    /**
     * Where a GraphQL operation's context holds the authentication it runs under ({@code java.security.Principal}),
     * which a stream keeps so that the security layer can end it with its session.
     */
    public static final String PRINCIPAL = LiveStreams.class.getName() + ".principal";

    private final QueryGateway queryGateway;
    private final ChangesAsJson json;
    private final Duration heartbeat;
    private final int bufferSize;
    private final int maxOpen;
    private final int historyPage;
    private final Set<LiveStream<?>> open = ConcurrentHashMap.newKeySet();
    private volatile boolean running;

    public LiveStreams(QueryGateway queryGateway, ObjectMapper jsonMapper,
                       @Value("${taskledger.streams.heartbeat:15s}") Duration heartbeat,
                       @Value("${taskledger.streams.buffer-size:256}") int bufferSize,
                       @Value("${taskledger.streams.max-open:2000}") int maxOpen,
                       @Value("${taskledger.streams.history-page:500}") int historyPage) {
        this.queryGateway = queryGateway;
        this.json = new ChangesAsJson(jsonMapper);
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
     * Opens a stream answered as server-sent events: subscribes, reads the first page of history (refusals are thrown
     * here, before anything is sent), and hands the stream to a thread of its own.
     *
     * @param openedAfter the position the client resumes after; null to start where the history ends now
     */
    public <I, U> SseEmitter openSse(Follow<I, U> follow, Caller caller, Principal principal, Long openedAfter) {
        SseEmitter emitter = new SseEmitter(0L);
        LiveStream<U> stream = open(follow, caller, principal, openedAfter, new SseOutput<>(emitter, json));
        emitter.onError(error -> stream.end("the connection failed"));
        emitter.onTimeout(() -> stream.end("timed out"));
        emitter.onCompletion(() -> stream.end("completed"));
        return emitter;
    }

    /**
     * Opens a stream answered as a publisher (a GraphQL subscription): as {@link #openSse}; the publisher buffers at
     * most the stream's buffer size for its subscriber, and one change more ends the stream.
     */
    public <I, U> Flux<U> openFlux(Follow<I, U> follow, Caller caller, Principal principal, Long openedAfter) {
        Sinks.Many<U> sink = Sinks.many().unicast().onBackpressureBuffer(Queues.<U>get(bufferSize).get());
        LiveStream<U> stream = open(follow, caller, principal, openedAfter, new SinkOutput<>(sink, follow));
        return sink.asFlux().doOnCancel(() -> stream.end("the client cancelled"));
    }

    private <I, U> LiveStream<U> open(Follow<I, U> follow, Caller caller, Principal principal, Long openedAfter,
                                      StreamOutput<U> output) {
        if (open.size() >= maxOpen) {
            throw new TaskledgerException(ErrorCode.TOO_MANY_STREAMS, "this server node already serves " + maxOpen
                    + " streams (taskledger.streams.max-open); retry shortly, another node may take it");
        }
        LiveStream<U>[] created = newStreamHolder();
        LiveStream<U> stream = new LiveStream<>(follow, caller, principal, output, bufferSize, heartbeat,
                () -> open.remove(created[0]));
        created[0] = stream;
        // Counted from here: a stream that ends, even before its first page is read, is uncounted by its end.
        open.add(stream);
        SubscriptionQueryResult<I, U> subscription = queryGateway.subscriptionQuery(
                follow.query().getClass().getName(), follow.query(),
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
        return stream;
    }

    /** Server-sent events: {@code id:}, {@code event:}, {@code data:} (JSON) per change; comments as they are. */
    private record SseOutput<U>(SseEmitter emitter, ChangesAsJson json) implements StreamOutput<U> {

        @Override
        public void comment(String text) throws IOException {
            emitter.send(SseEmitter.event().comment(text));
        }

        @Override
        public boolean change(long id, String name, Object change) throws IOException {
            emitter.send(SseEmitter.event().id(Long.toString(id)).name(name).data(json.of(change)));
            return true;
        }

        @Override
        public void complete() {
            emitter.complete();
        }

        @Override
        public void fail(Throwable error) {
            emitter.completeWithError(error);
        }
    }

    /** A publisher's sink: the transport (GraphQL over WebSocket or SSE) writes what its subscriber takes. */
    private record SinkOutput<U>(Sinks.Many<U> sink, Follow<?, U> follow) implements StreamOutput<U> {

        @Override
        public void comment(String text) {
            // GraphQL transports keep their connections alive themselves (pings, SSE keep-alive).
        }

        @Override
        public boolean change(long id, String name, Object change) throws IOException {
            Sinks.EmitResult result = sink.tryEmitNext(follow.changeType().cast(change));
            if (result == Sinks.EmitResult.FAIL_OVERFLOW) {
                return false;
            }
            if (result.isFailure()) {
                throw new IOException("the subscriber is gone (" + result + ")");
            }
            return true;
        }

        @Override
        public void complete() {
            sink.tryEmitComplete();
        }

        @Override
        public void fail(Throwable error) {
            sink.tryEmitError(error);
        }
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

    /**
     * Streams end before the web server stops: its graceful shutdown waits for open responses, and a stream's would
     * stay open until its token expired.
     */
    @Override
    public void stop() {
        running = false;
        endWhere(stream -> true, "the server is stopping");
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public boolean isRunning() {
        return running;
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
