package io.taskledger.api.command;

/** The answer to an accepted command: the project's version after it (the HTTP {@code ETag}). */
public record CommandAccepted(long version) {
}
