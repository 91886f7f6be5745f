package io.taskledger.infra.operations;

import java.util.List;

/**
 * Where one projection (event processing group) stands.
 *
 * @param state                  {@code RUNNING}, {@code REBUILDING} (a rebuild runs beside the live projection),
 *                               {@code REPLAYING}, {@code ERROR} (a segment failed and is retried) or {@code STOPPED}
 * @param rebuildable            whether it is a read model that {@code POST /api/admin/projections/{name}/rebuild}
 *                               rebuilds; the processing groups that keep command-side or security state are not
 * @param position               the lowest position its segments reached in the event store ({@code global_index}); null
 *                               for a subscribing processor, which handles events as they are published
 * @param headPosition           the event store's newest position
 * @param lag                    events between its position and the head
 * @param replayProgressPercent  while rebuilding, the share of aggregates (projects, accounts) rebuilt; while
 *                               replaying, how far towards the position the replay started from; else null
 * @param lastRebuildFailure     why the latest rebuild stopped, if it failed
 * @param deadLetters            events parked in its dead-letter queue
 */
public record ProjectionStatus(String name, String mode, String state, boolean rebuildable, Long position,
                               long headPosition, Long lag, Integer replayProgressPercent,
                               String lastRebuildFailure, List<SegmentStatus> segments, long deadLetters) {

    /** One segment: who holds it (node and thread, from token_entry) and where it stands. */
    public record SegmentStatus(int segment, String owner, Long position, boolean caughtUp, boolean replaying,
                                String error) {
    }
}
