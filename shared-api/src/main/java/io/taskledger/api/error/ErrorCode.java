package io.taskledger.api.error;

/** Stable codes of refused commands and queries; clients may switch on them. */
public enum ErrorCode {
    INVALID_INPUT(ErrorKind.BAD_INPUT),
    INCOMPLETE_REPORT(ErrorKind.BAD_INPUT),
    PROJECT_NOT_FOUND(ErrorKind.NOT_FOUND),
    TASK_NOT_FOUND(ErrorKind.NOT_FOUND),
    DUPLICATE_PROJECT_KEY(ErrorKind.RULE_VIOLATION),
    DUPLICATE_TASK_KEY(ErrorKind.RULE_VIOLATION),
    INVALID_HIERARCHY(ErrorKind.RULE_VIOLATION),
    INVALID_PREREQUISITE(ErrorKind.RULE_VIOLATION),
    PREREQUISITE_CYCLE(ErrorKind.RULE_VIOLATION),
    INVALID_PLAN(ErrorKind.RULE_VIOLATION),
    NOT_A_LEAF(ErrorKind.RULE_VIOLATION),
    TASK_NOT_READY(ErrorKind.RULE_VIOLATION),
    NOT_ASSIGNEE(ErrorKind.RULE_VIOLATION),
    NOT_ATTEMPT_HOLDER(ErrorKind.RULE_VIOLATION),
    NOT_CURRENT_ATTEMPT(ErrorKind.RULE_VIOLATION),
    TASK_NOT_IN_PROGRESS(ErrorKind.RULE_VIOLATION),
    TASK_NOT_ESCALATED(ErrorKind.RULE_VIOLATION),
    TASK_FINISHED(ErrorKind.RULE_VIOLATION),
    ALREADY_ASSIGNED(ErrorKind.RULE_VIOLATION),
    STRUCTURE_FROZEN(ErrorKind.RULE_VIOLATION),
    PROJECT_ARCHIVED(ErrorKind.RULE_VIOLATION),
    VERSION_MISMATCH(ErrorKind.VERSION_MISMATCH),
    READ_MODEL_BEHIND(ErrorKind.UNAVAILABLE),
    UNAUTHENTICATED(ErrorKind.UNAUTHENTICATED),
    FORBIDDEN(ErrorKind.FORBIDDEN),
    RATE_LIMITED(ErrorKind.RATE_LIMITED),
    EVENT_NOT_FOUND(ErrorKind.NOT_FOUND),
    DEAD_LETTER_NOT_FOUND(ErrorKind.NOT_FOUND);

    private final ErrorKind kind;

    ErrorCode(ErrorKind kind) {
        this.kind = kind;
    }

    public ErrorKind kind() {
        return kind;
    }
}
