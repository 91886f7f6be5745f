package io.taskledger.api.query;

/** What one assignee has on its plate, over every project not archived. */
public record AgentWorkload(String agent, int ready, int pending, int inProgress, int escalated, int succeeded,
                            int failed) {
}
