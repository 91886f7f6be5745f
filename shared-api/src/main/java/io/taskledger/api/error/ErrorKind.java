package io.taskledger.api.error;

/** The families of refusals; the HTTP layer maps each to one status. */
public enum ErrorKind {
    /** The request itself is malformed or incomplete (400). */
    BAD_INPUT,
    /** The project or task does not exist (404). */
    NOT_FOUND,
    /** A rule of the workflow forbids it now (409). */
    RULE_VIOLATION,
    /** The caller's expected version is not the project's version (412). */
    VERSION_MISMATCH,
    /** The read models have not caught up with the version the caller asked for, within the bound (503). */
    UNAVAILABLE
}
