package io.taskledger.api.error;

import java.util.List;

/**
 * A refused command or query, with a stable {@link ErrorCode} and the rule in words. A refusal of a whole plan lists
 * every violation found, so a planner can fix them all at once.
 */
public class TaskledgerException extends RuntimeException {

    private final ErrorCode code;
    private final List<String> violations;

    public TaskledgerException(ErrorCode code, String message) {
        this(code, message, List.of());
    }

    public TaskledgerException(ErrorCode code, String message, List<String> violations) {
        super(message, null, false, false);
        this.code = code;
        this.violations = List.copyOf(violations);
    }

    /**
     * The caller's global role does not allow the request: the same words wherever that is decided (the HTTP filter
     * chain for REST paths, the GraphQL controllers for operations that share one path).
     */
    public static TaskledgerException roleForbids() {
        return new TaskledgerException(ErrorCode.FORBIDDEN, "your role does not allow this request");
    }

    public ErrorCode code() {
        return code;
    }

    public List<String> violations() {
        return violations;
    }
}
