package io.taskledger.api.query;

import io.taskledger.api.access.Caller;

/**
 * Every project, newest first. Answer: {@link ProjectList}. Only projects the viewer may see: those it is a member
 * of, or all for ADMIN and AUDITOR.
 */
public record FindProjectsQuery(Caller viewer) {
}
