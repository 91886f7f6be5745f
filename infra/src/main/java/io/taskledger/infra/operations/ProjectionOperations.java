package io.taskledger.infra.operations;

import io.taskledger.api.error.ErrorCode;
import io.taskledger.api.error.TaskledgerException;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcDeadLetter;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/** What operators see of the projections and their dead letters, and what they may do about them. */
@Component
public class ProjectionOperations {

    private static final Logger log = LoggerFactory.getLogger(ProjectionOperations.class);

    private final EventProcessingConfiguration processing;
    private final JdbcTemplate jdbc;
    private final ProjectionRebuilds rebuilds;

    public ProjectionOperations(EventProcessingConfiguration processing, JdbcTemplate jdbc,
                                ProjectionRebuilds rebuilds) {
        this.processing = processing;
        this.jdbc = jdbc;
        this.rebuilds = rebuilds;
    }

    /** By name. */
    public List<ProjectionStatus> projections() {
        long head = Optional.ofNullable(jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry",
                Long.class)).orElse(-1L);
        return new TreeMap<>(processing.eventProcessors()).values().stream()
                .map(processor -> status(processor, head))
                .toList();
    }

    /** Oldest sequence first, each sequence in order. */
    public List<DeadLetterView> deadLetters() {
        List<DeadLetterView> letters = new ArrayList<>();
        for (String group : new TreeMap<>(processing.eventProcessors()).keySet()) {
            queue(group).ifPresent(queue -> queue.deadLetters().forEach(sequence -> sequence.forEach(
                    letter -> letters.add(view(group, letter)))));
        }
        letters.sort(Comparator.comparing(DeadLetterView::enqueuedAt));
        return letters;
    }

    /**
     * Hands the letter's sequence back to its projection, from the sequence's first letter on: events of one project
     * are applied in order. Letters that fail again stay parked: in a handler (the letter's cause is updated), or when
     * the database refuses their rows at commit (the retry's transaction rolls back, and the letters stay as they
     * were).
     *
     * @return whether every letter of the sequence was applied
     */
    public boolean retry(String id) {
        Letter letter = find(id);
        try {
            processing.sequencedDeadLetterProcessor(letter.group()).orElseThrow()
                    .process(first -> sequenceOf(first).equals(letter.view().sequence()));
        } catch (RuntimeException refusedAtCommit) {
            Throwable cause = refusedAtCommit;
            while (cause.getCause() != null) {
                cause = cause.getCause();
            }
            log.warn("Retrying the dead letters of {} in {} failed, they stay parked: {}", letter.view().sequence(),
                    letter.group(), cause.getMessage());
            return false;
        }
        return queue(letter.group()).map(queue -> !queue.contains(letter.view().sequence())).orElse(true);
    }

    /** Gives up on one parked event: the projection will never apply it. */
    public void delete(String id) {
        Letter letter = find(id);
        queue(letter.group()).orElseThrow().evict(letter.letter());
    }

    private record Letter(String group, DeadLetter<? extends EventMessage<?>> letter, DeadLetterView view) {
    }

    private Letter find(String id) {
        for (String group : processing.eventProcessors().keySet()) {
            Optional<SequencedDeadLetterQueue<EventMessage<?>>> queue = queue(group);
            if (queue.isEmpty()) {
                continue;
            }
            for (Iterable<DeadLetter<? extends EventMessage<?>>> sequence : queue.get().deadLetters()) {
                for (DeadLetter<? extends EventMessage<?>> letter : sequence) {
                    if (letter instanceof JdbcDeadLetter<?> stored && stored.getIdentifier().equals(id)) {
                        return new Letter(group, letter, view(group, letter));
                    }
                }
            }
        }
        throw new TaskledgerException(ErrorCode.DEAD_LETTER_NOT_FOUND, "there is no dead letter " + id);
    }

    private Optional<SequencedDeadLetterQueue<EventMessage<?>>> queue(String group) {
        return processing.deadLetterQueue(group);
    }

    private ProjectionStatus status(EventProcessor processor, long head) {
        long parked = queue(processor.getName()).map(SequencedDeadLetterQueue::size).orElse(0L);
        if (!(processor instanceof StreamingEventProcessor streaming)) {
            return new ProjectionStatus(processor.getName(), "subscribing",
                    processor.isRunning() ? "RUNNING" : "STOPPED",
                    rebuilds.isRebuildable(processor.getName()), null, head, null, null, null, List.of(), parked);
        }
        Map<Integer, String> owners = owners(processor.getName());
        List<ProjectionStatus.SegmentStatus> segments = new ArrayList<>();
        Long lowest = null;
        boolean replaying = false;
        boolean failing = false;
        long replayed = 0;
        long toReplay = 0;
        for (EventTrackerStatus tracker : new TreeMap<>(streaming.processingStatus()).values()) {
            Long position = boxed(tracker.getCurrentPosition());
            lowest = lowest == null || (position != null && position < lowest) ? position : lowest;
            replaying |= tracker.isReplaying();
            failing |= tracker.isErrorState();
            if (tracker.isReplaying() && tracker.getResetPosition().isPresent()) {
                replayed += position == null ? 0 : position;
                toReplay += tracker.getResetPosition().getAsLong();
            }
            segments.add(new ProjectionStatus.SegmentStatus(tracker.getSegment().getSegmentId(),
                    owners.get(tracker.getSegment().getSegmentId()), position, tracker.isCaughtUp(),
                    tracker.isReplaying(), tracker.isErrorState() ? String.valueOf(tracker.getError()) : null));
        }
        ProjectionRebuilds.Progress rebuild = rebuilds.progressOf(processor.getName());
        boolean rebuilding = rebuild != null && rebuild.running();
        String state = !processor.isRunning() ? "STOPPED" : failing ? "ERROR" : rebuilding ? "REBUILDING"
                : replaying ? "REPLAYING" : "RUNNING";
        Integer progress = rebuilding ? Integer.valueOf(rebuild.percent())
                : replaying && toReplay > 0 ? Integer.valueOf((int) Math.min(100, replayed * 100 / toReplay)) : null;
        String mode = processor instanceof TrackingEventProcessor ? "tracking" : "pooled-streaming";
        return new ProjectionStatus(processor.getName(), mode, state,
                rebuilds.isRebuildable(processor.getName()), lowest, head,
                lowest == null ? head + 1 : Math.max(0, head - lowest), progress,
                rebuild == null ? null : rebuild.failure(), segments, parked);
    }

    private Map<Integer, String> owners(String processorName) {
        Map<Integer, String> owners = new TreeMap<>();
        jdbc.query("SELECT segment, owner FROM token_entry WHERE processor_name = ?",
                row -> {
                    owners.put(row.getInt(1), row.getString(2));
                }, processorName);
        return owners;
    }

    private static DeadLetterView view(String group, DeadLetter<? extends EventMessage<?>> letter) {
        JdbcDeadLetter<?> stored = (JdbcDeadLetter<?>) letter;
        return new DeadLetterView(stored.getIdentifier(), group, stored.getSequenceIdentifier(),
                stored.getSequenceIndex(), letter.message().getIdentifier(),
                letter.message().getPayloadType().getSimpleName(), letter.enqueuedAt(), letter.lastTouched(),
                letter.cause().map(cause -> cause.type()).orElse(null),
                letter.cause().map(cause -> cause.message()).orElse(null));
    }

    private static String sequenceOf(DeadLetter<? extends EventMessage<?>> letter) {
        return ((JdbcDeadLetter<?>) letter).getSequenceIdentifier();
    }

    private static Long boxed(OptionalLong value) {
        return value.isPresent() ? value.getAsLong() : null;
    }
}
