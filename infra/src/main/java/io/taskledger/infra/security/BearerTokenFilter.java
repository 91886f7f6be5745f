package io.taskledger.infra.security;

import io.taskledger.api.access.Caller;
import io.taskledger.command.accounts.CredentialStore;
import io.taskledger.command.accounts.StoredCredential;
import io.taskledger.infra.security.AccessTokens.VerifiedToken;
import io.taskledger.infra.web.RequestContext;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.time.Clock;
import java.util.Optional;

/**
 * Authenticates a request by its {@code Authorization: Bearer} access token: the token must verify (signature,
 * algorithm, issuer, audience, expiry), must not be revoked, and its account must exist and be enabled. The
 * account's current role counts, not the one in the token, so a role change applies at once. A request without
 * the header goes on unauthenticated (the authorization rules decide); one with a bad token is answered 401 here.
 */
class BearerTokenFilter extends OncePerRequestFilter {

    private static final String BEARER = "Bearer ";

    private final AccessTokens accessTokens;
    private final RevokedTokens revokedTokens;
    private final CredentialStore credentials;
    private final AuthenticationCache checkedTokens;
    private final AuthenticationEntryPoint entryPoint;
    // Tokens expire in real time, whatever clock the domain runs on (as in AccessTokens).
    private final Clock clock = Clock.systemUTC();

    BearerTokenFilter(AccessTokens accessTokens, RevokedTokens revokedTokens, CredentialStore credentials,
                      AuthenticationCache checkedTokens, AuthenticationEntryPoint entryPoint) {
        this.accessTokens = accessTokens;
        this.revokedTokens = revokedTokens;
        this.credentials = credentials;
        this.checkedTokens = checkedTokens;
        this.entryPoint = entryPoint;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null) {
            chain.doFilter(request, response);
            return;
        }
        try {
            CallerAuthentication authentication = authenticate(header);
            SecurityContext context = SecurityContextHolder.createEmptyContext();
            context.setAuthentication(authentication);
            SecurityContextHolder.setContext(context);
            RequestContext.authenticated(request, authentication.getPrincipal().caller());
        } catch (AuthenticationException refused) {
            SecurityContextHolder.clearContext();
            entryPoint.commence(request, response, refused);
            return;
        }
        chain.doFilter(request, response);
    }

    private CallerAuthentication authenticate(String header) {
        if (!header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw new BadCredentialsException("not a bearer token");
        }
        String presented = header.substring(BEARER.length()).trim();
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
