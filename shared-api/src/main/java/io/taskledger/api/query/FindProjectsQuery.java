package io.taskledger.api.query;

/** Every project, newest first. Answer: {@link ProjectList}. */
public record FindProjectsQuery() {
}
