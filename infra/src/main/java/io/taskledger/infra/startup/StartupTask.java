package io.taskledger.infra.startup;

/**
 * Work that must be done, and may fail, before the server takes requests: opening the bootstrap account, loading the
 * signing key, seeding. Every bean of this type runs once per start, in {@link org.springframework.core.annotation.Order
 * order}, after the database is migrated and Axon is running but before the web server opens its port; a task that
 * throws stops the start (docs/operations.md, "Start-up and readiness").
 */
public interface StartupTask {

    /** What the task does, for the log and for the reason of a failed start, e.g. "open the 'admin' account". */
    String description();

    void run();

    /**
     * Whether the task sends commands (so appends events): such a task runs only on a node with the role
     * {@code command}; other nodes leave it to one that has it.
     */
    default boolean sendsCommands() {
        return false;
    }
}
