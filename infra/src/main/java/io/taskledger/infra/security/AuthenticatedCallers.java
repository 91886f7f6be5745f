package io.taskledger.infra.security;

import io.taskledger.api.access.Caller;

import java.security.Principal;
import java.util.Optional;

/**
 * The caller an authentication stands for, where only the {@link Principal} travelled: a WebSocket session keeps the
 * one its handshake request was authenticated with (the security filter chain checked its bearer token).
 */
public final class AuthenticatedCallers {

    private AuthenticatedCallers() {
    }

    public static Optional<Caller> of(Principal principal) {
        return principal instanceof CallerAuthentication authentication
                ? Optional.of(authentication.getPrincipal().caller())
                : Optional.empty();
    }
}
