package io.taskledger.api.query;

import io.taskledger.api.access.Caller;

/** Workload per assignee, by assignee, one page of them. Answer: {@link AgentWorkloadList}. Counted over the projects the viewer may see. */
public record FindAgentWorkloadsQuery(Caller viewer, PageRequest page) {

    public FindAgentWorkloadsQuery(Caller viewer) {
        this(viewer, PageRequest.FIRST);
    }
}
