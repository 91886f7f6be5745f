package io.taskledger.api.audit;

import io.taskledger.api.ids.ProjectId;

/**
 * The outcome of recomputing a project's hash chain.
 *
 * @param hashFormat    the hash format the chain was checked with
 * @param eventsChecked events whose hash was recomputed
 * @param legacyEvents  events at the start of the stream written before hashing existed; they cannot be checked
 * @param intact        whether every checked event matches its hash and follows its predecessor
 * @param firstBreak    the first event that does not match; null when intact
 */
public record IntegrityReport(ProjectId projectId, String hashFormat, int eventsChecked, int legacyEvents,
                              boolean intact, ChainBreak firstBreak) {

    /** The first event that does not match, and why. */
    public record ChainBreak(String eventId, long sequence, String reason) {
    }
}
