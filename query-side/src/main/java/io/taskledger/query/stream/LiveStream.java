package io.taskledger.query.stream;

import io.taskledger.api.access.Caller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;

import java.io.IOException;
import java.security.Principal;
import java.time.Duration;
import java.util.TreeSet;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One open stream: the changes the feed hands it wait in a bounded buffer, and a thread of the stream's own writes
 * them to the client, so a client that stops reading blocks only its own thread. The feed never waits: a change that
 * finds the buffer full ends the stream (the client resumes from the last change it received). Java 17 has no virtual
 * threads; a platform thread per stream, parked while there is nothing to send, is what keeps one client's blocked
 * socket from holding up the others ({@link LiveStreams} bounds how many there are).
 */
public final class LiveStream<U> {

    /** Why a stream ended, as its closing comment and the log say. */
    public static final String SLOW_CONSUMER = "the client did not keep up with its changes";
    static final String FEED_COMPLETED = "the project is hidden from the caller now";

    private static final Object END = new Object();
    private static final int MAX_REMEMBERED_POSITIONS = 10_000;
    private static final Logger log = LoggerFactory.getLogger(LiveStream.class);

    private final Follow<?, U> follow;
    private final Caller caller;
    private final Principal principal;
    private final StreamOutput<U> output;
    private final BlockingQueue<Object> buffer;
    private final Duration heartbeat;
    private final AtomicReference<String> ended = new AtomicReference<>();
    private final Runnable onEnd;
    private volatile Disposable updates;
    private long lastSent;
    private long openedAfter;
    /** The store positions sent, newest kept (streams whose positions are not contiguous). */
    private final TreeSet<Long> sentPositions = new TreeSet<>();

    LiveStream(Follow<?, U> follow, Caller caller, Principal principal, StreamOutput<U> output, int bufferSize,
               Duration heartbeat, Runnable onEnd) {
        this.follow = follow;
        this.caller = caller;
        this.principal = principal;
        this.output = output;
        this.buffer = new ArrayBlockingQueue<>(bufferSize);
        this.heartbeat = heartbeat;
        this.onEnd = onEnd;
    }

    public Caller caller() {
        return caller;
    }

    /** The authentication the stream was opened with (the security layer checks it while the stream lasts). */
    public Principal principal() {
        return principal;
    }

    void subscribedWith(Disposable updates) {
        this.updates = updates;
        if (ended.get() != null) {
            updates.dispose();
        }
    }

    /** From the feed's thread: never waits. */
    void offer(U change) {
        if (!buffer.offer(change)) {
            end(SLOW_CONSUMER);
        }
    }

    /** The feed will send no more: the changes already buffered still go out. */
    void feedCompleted() {
        if (!buffer.offer(END)) {
            end(SLOW_CONSUMER);
        }
    }

    /** Ends the stream as soon as its thread can; what is still buffered is dropped (the client can resume). */
    public void end(String reason) {
        if (ended.compareAndSet(null, reason)) {
            Disposable subscription = updates;
            if (subscription != null) {
                subscription.dispose();
            }
            buffer.clear();
            buffer.offer(END);
            onEnd.run();
        }
    }

    boolean isOpen() {
        return ended.get() == null;
    }

    /** The stream's own thread: the history first, then the changes as they come, heartbeats while none do. */
    void run(Follow.Page<U> firstPage, long openedAfter) {
        this.openedAfter = openedAfter;
        lastSent = openedAfter;
        try {
            output.comment(follow.description() + " after " + firstPage.position());
            Follow.Page<U> page = firstPage;
            sendAll(page);
            while (page.hasMore() && isOpen()) {
                page = follow.nextPage().apply(lastSent);
                sendAll(page);
            }
            lastSent = Math.max(lastSent, page.position());
            while (isOpen()) {
                Object next = buffer.poll(heartbeat.toMillis(), TimeUnit.MILLISECONDS);
                if (next == null) {
                    output.comment("heartbeat");
                } else if (next == END) {
                    end(ended.get() == null ? FEED_COMPLETED : ended.get());
                } else if (isOpen()) {
                    send(follow.changeType().cast(next));
                }
            }
            output.comment("end: " + ended.get());
            output.complete();
        } catch (IOException | IllegalStateException clientGone) {
            end("the client went away");
            output.fail(clientGone);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            end("the server is stopping");
            output.complete();
        } catch (RuntimeException e) {
            log.warn("A live stream of {} failed: {}", caller.username(), e.toString());
            end("it failed");
            output.fail(e);
        }
    }

    private void sendAll(Follow.Page<U> page) throws IOException {
        for (U change : page.changes()) {
            send(change);
        }
    }

    /**
     * Sends each change once. A project's versions come in order, one after the other. Store positions need not: a
     * transaction that took a lower position can commit after a higher one, so such a change is told apart by its
     * own position, and the {@code id:} it goes out with is the highest position sent so far, where a resuming
     * client must go on from.
     */
    private void send(U change) throws IOException {
        long position = follow.position().applyAsLong(change);
        if (follow.contiguous()) {
            if (position <= lastSent) {
                return;
            }
            if (position != lastSent + 1) {
                end("a change between " + lastSent + " and " + position + " did not arrive");
                return;
            }
            lastSent = position;
        } else {
            if (position <= openedAfter || !sentPositions.add(position)) {
                return;
            }
            if (sentPositions.size() > MAX_REMEMBERED_POSITIONS) {
                sentPositions.pollFirst();
            }
            lastSent = Math.max(lastSent, position);
        }
        if (!output.change(lastSent, follow.name().apply(change), change)) {
            end(SLOW_CONSUMER);
        }
    }
}
