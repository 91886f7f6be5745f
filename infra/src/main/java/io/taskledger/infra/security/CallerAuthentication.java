package io.taskledger.infra.security;

import io.taskledger.api.access.Caller;
import io.taskledger.infra.security.AccessTokens.VerifiedToken;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

import java.util.List;

/** A request authenticated by a verified access token: the caller, with its current role as its one authority. */
class CallerAuthentication extends AbstractAuthenticationToken {

    private final Principal principal;

    CallerAuthentication(Caller caller, VerifiedToken token) {
        super(List.of(new SimpleGrantedAuthority("ROLE_" + caller.role().name())));
        this.principal = new Principal(caller, token);
        setAuthenticated(true);
    }

    record Principal(Caller caller, VerifiedToken token) {
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public Principal getPrincipal() {
        return principal;
    }

    @Override
    public String getName() {
        return principal.caller().username();
    }
}
