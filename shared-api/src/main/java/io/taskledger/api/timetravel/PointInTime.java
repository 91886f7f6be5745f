package io.taskledger.api.timetravel;

import java.time.Instant;
import java.util.function.Supplier;

/**
 * A moment in a project's past: an instant, a version (event sequence number), or both (then the earlier wins).
 *
 * @param asOf        events stamped at or before this instant count; null for no bound in time
 * @param asOfVersion events with a sequence number up to this one count; null for no bound in versions
 */
public record PointInTime(Instant asOf, Long asOfVersion) {

    /**
     * Whether an event stamped {@code timestamp} with sequence number {@code sequence} had happened then. The
     * timestamp is asked for only when this point names an instant: reading a stored event's means parsing it, and a
     * replay up to a version (a rebuild's) needs none.
     */
    public boolean includes(Supplier<Instant> timestamp, long sequence) {
        return (asOf == null || !timestamp.get().isAfter(asOf)) && (asOfVersion == null || sequence <= asOfVersion);
    }
}
