package io.taskledger.api.query;

/** Workload per assignee. Answer: {@link AgentWorkloadList}. */
public record FindAgentWorkloadsQuery() {
}
