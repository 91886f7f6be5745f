package io.taskledger.api.audit;

/**
 * Who and what caused an event, from its metadata.
 *
 * @param actor         the account that issued the causing command, or {@code system} for a deadline
 * @param correlationId the request the event belongs to
 * @param causationId   the id of the command or deadline message that caused it
 * @param causationKind {@code COMMAND}, {@code DEADLINE} or {@code EVENT}: what kind of message caused it
 * @param causationName the causing message's name, e.g. {@code ReportAttemptCommand}, or the deadline's name
 *                      ({@code causationKind} and {@code causationName} are null on events written before they were
 *                      recorded)
 * @param deadlineScheduledBy for an event caused by a deadline, the id of the message that scheduled the deadline
 *                      (e.g. the {@code StartTaskCommand} whose lease expired; its events carry it as their
 *                      {@code causationId}); null otherwise, and on events written before it was recorded
 * @param integrityHash the event's link in its project's hash chain (see {@code GET .../verify})
 * @param channel       the door the causing command came in by: {@code rest}, {@code graphql} or {@code mcp}; null
 *                      for the server's own acts (a lease deadline, the seed) and on events written before it was
 *                      recorded
 */
public record EventAuditMetadata(String actor, String correlationId, String causationId, String causationKind,
                                 String causationName, String deadlineScheduledBy, String integrityHash,
                                 String channel) {
}
