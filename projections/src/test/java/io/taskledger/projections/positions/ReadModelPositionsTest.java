package io.taskledger.projections.positions;

import io.taskledger.api.error.ErrorCode;
import io.taskledger.api.error.TaskledgerException;
import io.taskledger.api.query.AwaitPositionQuery;
import io.taskledger.api.query.ReadModel;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingToken;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * "Handled up to a position" from a processor's segment tokens: every segment must have handled every committed event
 * of its own at or below it, whether its token is below the position or has gaps there. Two segments here (ids 0 and
 * 1, mask 1): an aggregate whose id hashes odd is segment 1's, even segment 0's.
 */
class ReadModelPositionsTest {

    private static final String OF_SEGMENT_1 = "a";  // "a".hashCode() == 97
    private static final String OF_SEGMENT_0 = "b";  // 98

    private final Map<Integer, TrackingToken> segments = new ConcurrentHashMap<>();
    /** Committed events: position to aggregate. */
    private final Map<Long, String> committed = new ConcurrentHashMap<>();
    private final AtomicInteger tokenReads = new AtomicInteger();

    private final ReadModelPositions positions = new ReadModelPositions(
            processingGroup -> {
                tokenReads.incrementAndGet();
                return Optional.of(Map.copyOf(segments));
            },
            (after, upTo, alsoAt) -> committed.entrySet().stream()
                    .filter(event -> event.getKey() > after && event.getKey() <= upTo
                            || alsoAt.contains(event.getKey()))
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)),
            Duration.ofMillis(200), 2);

    @Test
    void a_position_every_segment_passed_without_gaps_is_handled() {
        segments.put(0, token(12));
        segments.put(1, token(10));
        committed.put(11L, OF_SEGMENT_1);

        assertThat(positions.handled(ReadModel.TASK_BOARD, 10)).isTrue();
        assertThat(positions.handled(ReadModel.TASK_BOARD, 11)).as("segment 1 has yet to handle 11").isFalse();
    }

    @Test
    void a_segment_behind_only_on_events_of_other_segments_has_handled_the_position() {
        segments.put(0, token(12));
        segments.put(1, token(10));  // it skipped 11 and 12, segment 0's, and has not stored its token since
        committed.put(11L, OF_SEGMENT_0);
        committed.put(12L, OF_SEGMENT_0);

        assertThat(positions.handled(ReadModel.TASK_BOARD, 12)).isTrue();
        assertThat(positions.handled(ReadModel.TASK_BOARD, 13)).as("nobody reached 13")
                .isTrue();  // no committed event at 13: nothing anybody can have been answered from
        committed.put(13L, OF_SEGMENT_1);
        assertThat(positions.handled(ReadModel.TASK_BOARD, 13)).isFalse();
    }

    @Test
    void a_gap_holding_a_committed_event_of_the_segment_is_not_handled_yet() {
        segments.put(0, token(20));
        segments.put(1, token(20, 15));
        committed.put(15L, OF_SEGMENT_1);

        assertThat(positions.handled(ReadModel.TASK_BOARD, 14)).isTrue();
        assertThat(positions.handled(ReadModel.TASK_BOARD, 15)).isFalse();
        assertThat(positions.handled(ReadModel.TASK_BOARD, 20)).as("the event at 15 is still to be handled").isFalse();
    }

    @Test
    void a_gap_no_committed_event_holds_does_not_hold_a_read_back() {
        segments.put(0, token(20, 15));  // a transaction that rolled back, or is still committing: nobody read from it
        segments.put(1, token(20));

        assertThat(positions.handled(ReadModel.TASK_BOARD, 20)).isTrue();
    }

    @Test
    void a_segment_without_a_token_or_replaying_behind_the_position_has_not_handled_it() {
        segments.put(0, token(30));
        segments.put(1, ReplayToken.createReplayToken(token(30), token(8)));
        committed.put(9L, OF_SEGMENT_1);

        assertThat(positions.handled(ReadModel.TASK_BOARD, 8)).isTrue();
        assertThat(positions.handled(ReadModel.TASK_BOARD, 9)).as("the replay stands at 8").isFalse();

        ReadModelPositions noTokens = new ReadModelPositions(group -> Optional.empty(), (after, upTo, at) -> Map.of(),
                Duration.ofMillis(50), 2);
        assertThat(noTokens.handled(ReadModel.USER_DIRECTORY, 0)).isFalse();
    }

    @Test
    void a_position_known_handled_is_answered_without_reading_the_tokens_again() {
        segments.put(0, token(40, 35));
        segments.put(1, token(40));
        positions.handle(new AwaitPositionQuery(ReadModel.TASK_BOARD, 40));
        int reads = tokenReads.get();

        assertThat(positions.handle(new AwaitPositionQuery(ReadModel.TASK_BOARD, 34))).isEqualTo(34L);
        assertThat(tokenReads.get()).as("below the first gap").isEqualTo(reads);
    }

    @Test
    void a_read_waits_for_the_segments_and_past_the_bound_is_behind() {
        segments.put(0, token(9));
        segments.put(1, token(5));
        committed.put(9L, OF_SEGMENT_1);
        Thread catchingUp = new Thread(() -> {
            sleep(50);
            segments.put(1, token(9));
        });
        catchingUp.start();

        assertThat(positions.handle(new AwaitPositionQuery(ReadModel.TASK_BOARD, 9))).isEqualTo(9L);
        committed.put(100L, OF_SEGMENT_0);
        assertThatThrownBy(() -> positions.handle(new AwaitPositionQuery(ReadModel.TASK_BOARD, 100)))
                .isInstanceOfSatisfying(TaskledgerException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.READ_MODEL_BEHIND));
    }

    private static GapAwareTrackingToken token(long index, long... gaps) {
        return GapAwareTrackingToken.newInstance(index, Arrays.stream(gaps).boxed().toList());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
