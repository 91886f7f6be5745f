package io.taskledger.api.access;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The authenticated account behind a request: who acts, and with which global role. Commands carry it in their
 * metadata under {@link #ACTOR} and {@link #ACTOR_ROLE}; a command without an actor comes from Taskledger itself
 * (the HTTP layer stamps every command it sends).
 */
public record Caller(String username, GlobalRole role) {

    public static final String ACTOR = "actor";
    public static final String ACTOR_ROLE = "actorRole";

    public Caller {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(role, "role");
    }

    /** The caller named in a message's metadata, if any. */
    public static Optional<Caller> fromMetadata(Map<String, ?> metadata) {
        Object username = metadata.get(ACTOR);
        Object role = metadata.get(ACTOR_ROLE);
        if (username == null || role == null) {
            return Optional.empty();
        }
        return Optional.of(new Caller(username.toString(), GlobalRole.valueOf(role.toString())));
    }

    public Map<String, String> toMetadata() {
        return Map.of(ACTOR, username, ACTOR_ROLE, role.name());
    }
}
