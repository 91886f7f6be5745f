package io.taskledger.projections.board;

import java.time.Instant;

/** A READY leaf an agent may start, with its project's creation time, which ranks it after priority. */
record NextTaskCandidate(BoardTask task, Instant projectCreatedAt) {
}
