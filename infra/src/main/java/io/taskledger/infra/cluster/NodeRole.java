package io.taskledger.infra.cluster;

import java.util.Optional;
import java.util.Set;

/**
 * What a server node runs (setting {@code taskledger.node.roles}, docs/deployment.md "Node roles"). What each role
 * enables is decided here and by the few components that ask {@link NodeRoles#runs}:
 * <ul>
 * <li>{@link #COMMAND}: the command HTTP API ({@link #neededFor}, enforced by {@link NodeRoleFilter}), and everything
 * else that appends events: the lease deadlines' scheduler, the bootstrap of the {@code admin} account and the seed.
 * A node without it never appends an event.</li>
 * <li>{@link #QUERY}: the read HTTP API over the read models.</li>
 * <li>{@link #PROJECTIONS}: the tracking event processors that build the read models; a node without it starts none
 * and so claims no token segment ({@link NodeRoleEventProcessing}).</li>
 * </ul>
 * GraphQL and MCP carry reads and commands on one URL: they ask {@link NodeRoles#runs} per operation or tool call.
 * Every node answers {@code /health}, logins and token refreshes, and the operators' {@code /api/admin/**}. Each role
 * has its readiness check in {@code /health} ({@link NodeReadiness}).
 */
public enum NodeRole {
    COMMAND,
    QUERY,
    PROJECTIONS;

    /** Sessions and operations, answered by every node whatever its roles. */
    private static final Set<String> ANY_NODE = Set.of("/api/auth/login", "/api/auth/refresh", "/api/auth/logout");
    private static final String ADMIN = "/api/admin/";

    /**
     * The role a request needs, by its method and its path without the version ({@code /api/...}): under
     * {@code /api/}, reads (GET, HEAD) are the query side's and every other method the command side's (the modules'
     * controllers are mapped so, which {@code NodeRoleRoutesTest} checks), so a load balancer can route by method
     * alone. Empty for what every node answers.
     */
    public static Optional<NodeRole> neededFor(String method, String path) {
        if (!path.startsWith("/api/") || ANY_NODE.contains(path) || path.startsWith(ADMIN)
                || "OPTIONS".equals(method)) {
            return Optional.empty();
        }
        return Optional.of("GET".equals(method) || "HEAD".equals(method) ? QUERY : COMMAND);
    }
}
