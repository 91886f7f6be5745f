package io.taskledger.api.access;

import java.util.Objects;

/** The authenticated account behind a request: who acts, and with which global role. */
public record Caller(String username, GlobalRole role) {

    public Caller {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(role, "role");
    }
}
