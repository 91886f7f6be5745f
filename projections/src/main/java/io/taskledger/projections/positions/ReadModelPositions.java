package io.taskledger.projections.positions;

import io.taskledger.api.error.ErrorCode;
import io.taskledger.api.error.TaskledgerException;
import io.taskledger.api.query.AwaitPositionQuery;
import io.taskledger.api.query.ReadModel;
import io.taskledger.projections.board.TaskBoardProjection;
import io.taskledger.projections.users.UserDirectoryProjection;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.queryhandling.QueryHandler;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.HashMap;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * Read-your-writes across projects: whether a read model has handled every event up to a global position of the
 * event store ({@code X-Min-Position}, which every command answers), and waiting for it, bounded.
 *
 * <p>"Handled up to p" is decided from the processor's tokens as every node stored them (token_entry), not from this
 * node's threads: every segment must have handled every committed event of its own at or below p. Below its token's
 * index a segment has seen every position but its gaps (positions it has not seen: a transaction still committing,
 * or one that rolled back and never will); above the index, nothing. So a committed event of the segment's own above
 * its index, or in one of its gaps, is one it has yet to handle, and the read waits for it; a gap that holds no
 * committed event is a write nobody can have read or been answered from yet, so no read waits for it. The tokens are stored in the transaction that
 * writes the read model's rows, so once they say so, the rows are there. Every segment counts: a segment no thread
 * holds does not advance, and a read waiting for it is answered 503 {@code READ_MODEL_BEHIND} when the bound passes.
 *
 * <p>A position at or below the highest one known to be handled with no gap below it is answered at once, without
 * reading anything. A waiting read holds a request thread, so only
 * {@code taskledger.read-your-writes.max-waiting-for-position} reads wait here at once (more than for
 * {@code X-Min-Version}: agents send a position with every next-task); one more is answered 503 at once. However
 * many wait, the tokens are read once per poll interval.
 */
@Component
public class ReadModelPositions {

    /** How a read model's tokens are read, by segment id: empty when a segment has none yet. */
    @FunctionalInterface
    interface Tokens {
        Optional<Map<Integer, TrackingToken>> of(String processingGroup);
    }

    /** The aggregates of the committed events after one position up to another, and at some positions below. */
    @FunctionalInterface
    interface CommittedEvents {
        Map<Long, String> aggregatesOf(long after, long upTo, SortedSet<Long> alsoAt);
    }

    /** Beyond this many positions behind, a segment is not asked which events are its own: it is simply behind. */
    private static final long MAX_POSITIONS_LOOKED_AT = 10_000;

    private static final Duration POLL_INTERVAL = Duration.ofMillis(10);

    private static final Map<ReadModel, String> PROCESSING_GROUPS = Map.of(
            ReadModel.TASK_BOARD, TaskBoardProjection.PROCESSING_GROUP,
            ReadModel.USER_DIRECTORY, UserDirectoryProjection.PROCESSING_GROUP);

    private final Tokens tokens;
    private final CommittedEvents committed;
    private final Duration maxWait;
    private final int maxWaiting;
    private final Semaphore waiting;
    /** Per read model, a position at or below which every event is known to be handled: only grows. */
    private final Map<ReadModel, AtomicLong> handledWithoutGaps = new EnumMap<>(ReadModel.class);
    private final Map<ReadModel, AtomicReference<ReadTokens>> recentTokens = new EnumMap<>(ReadModel.class);

    @Autowired
    ReadModelPositions(JdbcTemplate jdbc, ObjectProvider<TokenStore> tokenStore,
                       @Value("${taskledger.read-your-writes.max-wait:5s}") Duration maxWait,
                       @Value("${taskledger.read-your-writes.max-waiting-for-position:16}") int maxWaiting) {
        this(processingGroup -> storedTokens(jdbc, tokenStore.getObject(), processingGroup),
                (after, upTo, alsoAt) -> {
                    Map<Long, String> aggregates = new HashMap<>();
                    jdbc.query("select global_index, aggregate_identifier from domain_event_entry"
                                    + " where (global_index > ? and global_index <= ?)"
                                    + " or global_index = any (cast(? as bigint[]))",
                            row -> {
                                aggregates.put(row.getLong(1), row.getString(2));
                            }, after, upTo,
                            alsoAt.stream().map(String::valueOf).collect(Collectors.joining(",", "{", "}")));
                    return aggregates;
                },
                maxWait, maxWaiting);
    }

    ReadModelPositions(Tokens tokens, CommittedEvents committed, Duration maxWait, int maxWaiting) {
        this.tokens = tokens;
        this.committed = committed;
        this.maxWait = maxWait;
        this.maxWaiting = maxWaiting;
        this.waiting = new Semaphore(maxWaiting);
        for (ReadModel readModel : ReadModel.values()) {
            handledWithoutGaps.put(readModel, new AtomicLong(-1));
            recentTokens.put(readModel, new AtomicReference<>());
        }
    }

    /** @throws TaskledgerException READ_MODEL_BEHIND when the position is not handled within the bound */
    @QueryHandler
    public Long handle(AwaitPositionQuery query) {
        ReadModel readModel = query.readModel();
        long wanted = query.position();
        if (handledWithoutGaps.get(readModel).get() >= wanted || handled(readModel, wanted)) {
            return wanted;
        }
        if (!waiting.tryAcquire()) {
            throw behind(readModel, wanted, ", and " + maxWaiting
                    + " reads already wait for their read models; retry shortly");
        }
        try {
            long deadline = System.nanoTime() + maxWait.toNanos();
            do {
                if (System.nanoTime() - deadline >= 0) {
                    throw behind(readModel, wanted, " after waiting " + maxWait + "; retry shortly");
                }
                pause(readModel);
            } while (!handled(readModel, wanted));
            return wanted;
        } finally {
            waiting.release();
        }
    }

    /**
     * Whether every segment of the read model's processor has handled every committed event of its own at or below
     * the position. A segment stores its token when it handles events of its own, and otherwise only now and then
     * (Axon's tracking processor waits up to a second for more events before it stores a token that only skipped
     * others'), so a segment whose token is below the position, or has gaps below it, is asked which committed events
     * there are its own: those whose aggregate's sequence it holds, as Axon's default sequencing policy (per aggregate,
     * the one the projections use) assigns them, {@code hashCode(aggregateId) & mask == segmentId}.
     */
    boolean handled(ReadModel readModel, long position) {
        Optional<Map<Integer, TrackingToken>> stored = recentTokens(readModel);
        if (stored.isEmpty() || stored.get().isEmpty()) {
            return false;
        }
        int[] segmentIds = stored.get().keySet().stream().mapToInt(Integer::intValue).toArray();
        long withoutGaps = Long.MAX_VALUE;
        long lowestBehind = position;
        SortedSet<Long> unseen = new TreeSet<>();
        Map<Segment, GapAwareTrackingToken> notThere = new HashMap<>();
        for (Map.Entry<Integer, TrackingToken> stand : stored.get().entrySet()) {
            // A replay's token is where the replay stands; a merge's, the lower of the two merged.
            if (!(WrappedToken.unwrapLowerBound(stand.getValue()) instanceof GapAwareTrackingToken token)) {
                return false;
            }
            SortedSet<Long> gaps = token.getGaps();
            withoutGaps = Math.min(withoutGaps, gaps.isEmpty() ? token.getIndex() : gaps.first() - 1);
            SortedSet<Long> gapsBelow = gaps.headSet(position + 1);
            if (token.getIndex() < position || !gapsBelow.isEmpty()) {
                notThere.put(Segment.computeSegment(stand.getKey(), segmentIds), token);
                lowestBehind = Math.min(lowestBehind, token.getIndex());
                unseen.addAll(gapsBelow);
            }
        }
        handledWithoutGaps.get(readModel).accumulateAndGet(withoutGaps, Math::max);
        if (notThere.isEmpty()) {
            return true;
        }
        if (position - lowestBehind > MAX_POSITIONS_LOOKED_AT) {
            return false;
        }
        Map<Long, String> pending = committed.aggregatesOf(lowestBehind, position, unseen);
        for (Map.Entry<Segment, GapAwareTrackingToken> segment : notThere.entrySet()) {
            GapAwareTrackingToken token = segment.getValue();
            for (Map.Entry<Long, String> event : pending.entrySet()) {
                boolean unhandled = event.getKey() <= position
                        && (event.getKey() > token.getIndex() || token.getGaps().contains(event.getKey()));
                if (unhandled && segment.getKey().matches(Objects.hashCode(event.getValue()))) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Read as stored, without claiming a segment (a {@link TokenStore} fetches only what it claims), and deserialized
     * as the token store serialized them.
     */
    /**
     * The tokens as stored, read at most once per poll interval for all the reads waiting on the read model: however
     * many wait, the database answers one read of the tokens per interval.
     */
    private Optional<Map<Integer, TrackingToken>> recentTokens(ReadModel readModel) {
        synchronized (recentTokens.get(readModel)) {
            ReadTokens last = recentTokens.get(readModel).get();
            if (last == null || System.nanoTime() - last.readAtNanos() >= POLL_INTERVAL.toNanos()) {
                last = new ReadTokens(System.nanoTime(), tokens.of(PROCESSING_GROUPS.get(readModel)));
                recentTokens.get(readModel).set(last);
            }
            return last.tokens();
        }
    }

    private record ReadTokens(long readAtNanos, Optional<Map<Integer, TrackingToken>> tokens) {
    }

    private static Optional<Map<Integer, TrackingToken>> storedTokens(JdbcTemplate jdbc, TokenStore tokenStore,
                                                              String processingGroup) {
        if (!(tokenStore instanceof JdbcTokenStore jdbcTokens)) {
            throw new IllegalStateException("the tokens are read from token_entry, not from " + tokenStore);
        }
        Serializer serializer = jdbcTokens.serializer();
        Map<Integer, TrackingToken> found = new HashMap<>();
        boolean[] every = {true};
        jdbc.query("select segment, token, token_type from token_entry where processor_name = ?", row -> {
            byte[] token = row.getBytes("token");
            if (token == null) {
                every[0] = false;
            } else {
                found.put(row.getInt("segment"), serializer.deserialize(new SimpleSerializedObject<>(token,
                        byte[].class, row.getString("token_type"), null)));
            }
        }, processingGroup);
        return every[0] ? Optional.of(found) : Optional.empty();
    }

    private static TaskledgerException behind(ReadModel readModel, long wanted, String rest) {
        return new TaskledgerException(ErrorCode.READ_MODEL_BEHIND, "the read model "
                + PROCESSING_GROUPS.get(readModel) + " has not yet handled every event up to position " + wanted + rest);
    }

    private static void pause(ReadModel readModel) {
        try {
            Thread.sleep(POLL_INTERVAL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TaskledgerException(ErrorCode.READ_MODEL_BEHIND,
                    "interrupted while waiting for the read model " + PROCESSING_GROUPS.get(readModel));
        }
    }
}
