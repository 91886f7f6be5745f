package io.taskledger.infra.cluster;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** The roles this node runs: {@code taskledger.node.roles}, a comma-separated list; all three by default. */
@Component
public class NodeRoles {

    private final Set<NodeRole> roles;

    public NodeRoles(@Value("${taskledger.node.roles:command,query,projections}") String roles) {
        this.roles = parse(roles);
    }

    static Set<NodeRole> parse(String text) {
        EnumSet<NodeRole> parsed = EnumSet.noneOf(NodeRole.class);
        for (String role : text.split(",")) {
            String name = role.strip().toUpperCase(Locale.ROOT);
            if (name.isEmpty()) {
                continue;
            }
            try {
                parsed.add(NodeRole.valueOf(name));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("taskledger.node.roles: '" + role.strip() + "' is no role; roles: "
                        + Arrays.stream(NodeRole.values()).map(NodeRoles::name).collect(Collectors.joining(", ")));
            }
        }
        if (parsed.isEmpty()) {
            throw new IllegalArgumentException("taskledger.node.roles names no role; a node runs at least one of "
                    + Arrays.stream(NodeRole.values()).map(NodeRoles::name).collect(Collectors.joining(", ")));
        }
        return parsed;
    }

    public boolean runs(NodeRole role) {
        return roles.contains(role);
    }

    private static String name(NodeRole role) {
        return role.name().toLowerCase(Locale.ROOT);
    }

    /** As configured: e.g. {@code command,query,projections}. */
    @Override
    public String toString() {
        return roles.stream().map(NodeRoles::name).collect(Collectors.joining(","));
    }
}
