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
    /** No valid credentials (401); the answer never says what exactly was wrong. */
    UNAUTHENTICATED,
    /** Authenticated, but the caller's role does not allow it (403). */
    FORBIDDEN,
    /** Too many requests or login attempts; retry later (429 with Retry-After). */
    RATE_LIMITED,
    /** The read models have not caught up with the version the caller asked for, within the bound (503). */
    UNAVAILABLE
}
