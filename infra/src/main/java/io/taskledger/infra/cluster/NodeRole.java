package io.taskledger.infra.cluster;

/** What a server node runs (setting {@code taskledger.node.roles}). */
public enum NodeRole {
    /** The command HTTP API: the only writers of events. */
    COMMAND,
    /** The query HTTP API over the read models. */
    QUERY,
    /** The event processors that build the read models (they claim token segments). */
    PROJECTIONS
}
