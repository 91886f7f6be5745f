package io.taskledger.infra.seed;

import io.taskledger.api.ids.ProjectId;

import java.util.Map;

/**
 * What a seed left: its project and the accounts it opened, with the passwords generated for them (logged once).
 *
 * @param openedAccounts username to generated password, in the order they were opened
 */
record SeededProject(ProjectId projectId, String key, int tasks, Map<String, String> openedAccounts) {

    @Override
    public String toString() {
        return "SeededProject[projectId=" + projectId + ", key=" + key + ", tasks=" + tasks + ", openedAccounts="
                + openedAccounts.keySet() + "]";
    }
}
