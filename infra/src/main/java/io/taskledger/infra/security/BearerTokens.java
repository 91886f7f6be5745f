package io.taskledger.infra.security;

import io.taskledger.api.access.Caller;
import io.taskledger.command.accounts.CredentialStore;
import io.taskledger.command.accounts.StoredCredential;
import io.taskledger.infra.security.AccessTokens.VerifiedToken;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.Optional;

/**
 * Decides what a presented access token authenticates: the token must verify (signature, algorithm, issuer,
 * audience, expiry), must not be revoked, and its account must exist and be enabled. The account's current role
 * counts, not the one in the token, so a role change applies at once. One decision for every door that takes a
 * token: the {@code Authorization} header of a request ({@link BearerTokenFilter}) and a GraphQL WebSocket's
 * {@code connection_init} payload, where browsers, which cannot set headers on a WebSocket, send it.
 */
@Component
public class BearerTokens {

    private static final String BEARER = "Bearer ";

    private final AccessTokens accessTokens;
    private final RevokedTokens revokedTokens;
    private final CredentialStore credentials;
    private final AuthenticationCache checkedTokens;
    // Tokens expire in real time, whatever clock the domain runs on (as in AccessTokens).
    private final Clock clock = Clock.systemUTC();

    BearerTokens(AccessTokens accessTokens, RevokedTokens revokedTokens, CredentialStore credentials,
                 AuthenticationCache checkedTokens) {
        this.accessTokens = accessTokens;
        this.revokedTokens = revokedTokens;
        this.credentials = credentials;
        this.checkedTokens = checkedTokens;
    }

    /**
     * @param authorization {@code Bearer <token>}
     * @throws org.springframework.security.core.AuthenticationException when it authenticates nobody
     */
    public Authentication authenticate(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw new BadCredentialsException("not a bearer token");
        }
        String presented = authorization.substring(BEARER.length()).trim();
        AuthenticationCache.Checked checked = checkedTokens.find(presented, clock.instant())
                .orElseGet(() -> check(presented));
        return new CallerAuthentication(checked.caller(), checked.token());
    }

    private AuthenticationCache.Checked check(String presented) {
        long changesBefore = checkedTokens.changesSoFar();
        VerifiedToken token = accessTokens.verify(presented);
        Optional<StoredCredential> account = credentials.find(token.username()).filter(StoredCredential::enabled);
        if (account.isEmpty() || revokedTokens.isRevoked(token.jti(), token.sessionId())) {
            throw new BadCredentialsException("revoked token or disabled account");
        }
        AuthenticationCache.Checked checked = new AuthenticationCache.Checked(
                new Caller(token.username(), account.get().role()), token);
        checkedTokens.remember(presented, checked, changesBefore);
        return checked;
    }
}
