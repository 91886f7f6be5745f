package io.taskledger.infra.operations;

import java.util.Optional;

/**
 * Who runs a projection's rebuild, beyond this node: with several nodes over one database, a rebuild started on any
 * of them runs once, and each reports it.
 */
public interface RebuildClaims {

    /** Claims the projection's rebuild for this node; false when another live node runs one. */
    boolean claim(String projection, int total);

    /** Records how far this node's rebuild is. */
    void progress(String projection, ProjectionRebuilds.Progress progress);

    /** The latest rebuild of the projection in the cluster, if any node recorded one. */
    Optional<ProjectionRebuilds.Progress> latest(String projection);

    /** One node alone: nothing to claim, nothing recorded. */
    RebuildClaims SINGLE_NODE = new RebuildClaims() {
        @Override
        public boolean claim(String projection, int total) {
            return true;
        }

        @Override
        public void progress(String projection, ProjectionRebuilds.Progress progress) {
        }

        @Override
        public Optional<ProjectionRebuilds.Progress> latest(String projection) {
            return Optional.empty();
        }
    };
}
