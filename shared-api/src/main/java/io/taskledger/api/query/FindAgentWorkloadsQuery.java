package io.taskledger.api.query;

import io.taskledger.api.access.Caller;

/** Workload per assignee. Answer: {@link AgentWorkloadList}. Counted over the projects the viewer may see. */
public record FindAgentWorkloadsQuery(Caller viewer) {
}
