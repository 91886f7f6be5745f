package io.taskledger.command.domain;

import io.taskledger.api.error.ErrorCode;
import io.taskledger.api.error.TaskledgerException;

import java.util.List;

/** One broken rule, found while checking a change; collected so a plan import can list them all. */
record Violation(ErrorCode code, String message) {

    /** Refuses a single change if anything is broken: the first violation gives code and message, all are listed. */
    static void refuseIfAny(List<Violation> violations) {
        if (!violations.isEmpty()) {
            Violation first = violations.get(0);
            throw new TaskledgerException(first.code(), first.message(), messages(violations));
        }
    }

    /** Refuses a whole plan import with every violation found. */
    static TaskledgerException planRefusal(List<Violation> violations) {
        return new TaskledgerException(ErrorCode.INVALID_PLAN,
                "plan refused: " + violations.size() + (violations.size() == 1 ? " violation" : " violations"),
                messages(violations));
    }

    private static List<String> messages(List<Violation> violations) {
        return violations.stream().map(Violation::message).toList();
    }
}
