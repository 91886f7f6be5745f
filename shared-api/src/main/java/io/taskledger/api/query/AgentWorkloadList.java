package io.taskledger.api.query;

import java.util.List;

/** A typed list answer, so the query bus carries one concrete response type. */
public record AgentWorkloadList(List<AgentWorkload> agents, PageEnd page) {

    /** A list answered whole. */
    public AgentWorkloadList(List<AgentWorkload> agents) {
        this(agents, PageEnd.WHOLE);
    }
}
