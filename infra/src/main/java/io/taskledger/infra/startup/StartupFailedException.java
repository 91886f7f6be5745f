package io.taskledger.infra.startup;

/** A start-up task failed: the server does not start, and says why in one line. */
public class StartupFailedException extends RuntimeException {

    StartupFailedException(String task, RuntimeException cause) {
        super("cannot " + task + ": " + cause.getMessage(), cause);
    }

    /**
     * The reason a start failed, in one line: a failed start-up task's own words, else the innermost cause's (a
     * migration that failed, a database that cannot be reached), never a stack trace.
     */
    public static String reasonOf(Throwable failure) {
        Throwable innermost = failure;
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof StartupFailedException startup) {
                return startup.getMessage();
            }
            innermost = cause;
        }
        String message = innermost.getMessage();
        return (message == null ? innermost.getClass().getSimpleName() : message).replaceAll("\\s*\\R\\s*", " ");
    }
}
