package io.taskledger.api.error;

/** The families of refusals, each answered over HTTP with one status. */
public enum ErrorKind {
    /** The request itself is malformed or incomplete (400). */
    BAD_INPUT(400),
    /** The project or task does not exist (404). */
    NOT_FOUND(404),
    /** A rule of the workflow forbids it now (409). */
    RULE_VIOLATION(409),
    /** The caller's expected version is not the project's version (412). */
    VERSION_MISMATCH(412),
    /** Well-formed, but in conflict with what the same request key stood for (422). */
    UNPROCESSABLE(422),
    /** No valid credentials (401); the answer never says what exactly was wrong. */
    UNAUTHENTICATED(401),
    /** Authenticated, but the caller's role does not allow it (403). */
    FORBIDDEN(403),
    /** The request body is larger than the server accepts (413). */
    TOO_LARGE(413),
    /**
     * This server node does not run the role the request needs (421 Misdirected Request): it was not processed, so
     * it may be sent again, unchanged, to a node that does (docs/deployment.md, "Node roles").
     */
    MISDIRECTED(421),
    /** Too many requests or login attempts; retry later (429 with Retry-After). */
    RATE_LIMITED(429),
    /** The read models have not caught up with the version the caller asked for, within the bound (503). */
    UNAVAILABLE(503);

    private final int httpStatus;

    ErrorKind(int httpStatus) {
        this.httpStatus = httpStatus;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
