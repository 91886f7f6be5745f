package io.taskledger.api.timetravel;

import java.time.Instant;

/**
 * A moment in a project's past: an instant, a version (event sequence number), or both (then the earlier wins).
 *
 * @param asOf        events stamped at or before this instant count; null for no bound in time
 * @param asOfVersion events with a sequence number up to this one count; null for no bound in versions
 */
public record PointInTime(Instant asOf, Long asOfVersion) {

    /** Whether an event stamped {@code timestamp} with sequence number {@code sequence} had happened then. */
    public boolean includes(Instant timestamp, long sequence) {
        return (asOf == null || !timestamp.isAfter(asOf)) && (asOfVersion == null || sequence <= asOfVersion);
    }
}
