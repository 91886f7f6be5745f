package io.taskledger.projections;

import java.util.List;

/**
 * Rebuilds one read model from the event store while the live one keeps answering, one aggregate at a time: for each
 * key, in one transaction, lock the aggregate's rows, replay its events through the same code the live projection
 * runs, up to the version the live rows show, and replace the rows. Readers see the previous rows until that
 * transaction commits, then the rebuilt ones; the live processor's next change to that aggregate waits for the lock
 * and applies on top. Only the read model's own code sees the events again: nothing that notifies.
 *
 * <p>Every read model (a processing group whose tables answer queries) has one, as a Spring bean; operators start it
 * with {@code POST /api/admin/projections/{name}/rebuild}. Processing groups that keep command-side or security state
 * are not read models and have none.
 */
public interface ProjectionRebuilder {

    /** The processing group whose read model this rebuilds, e.g. {@code task-board}. */
    String projection();

    /** The aggregates the read model knows (its rows' keys), oldest first; a rebuild goes through them in order. */
    List<String> keys();

    /** Rebuilds the rows of one aggregate; does nothing if the read model no longer knows it. */
    void rebuild(String key);

    /**
     * Reads the read model's main table once (at most one row), throwing when it cannot be read: whether a node that
     * answers reads can answer them ({@code /health}).
     */
    void checkReadable();
}
