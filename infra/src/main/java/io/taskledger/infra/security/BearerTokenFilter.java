package io.taskledger.infra.security;

import io.taskledger.infra.web.RequestContext;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * Authenticates a request by its {@code Authorization: Bearer} access token, as {@link BearerTokens} decides. A
 * request without the header goes on unauthenticated (the authorization rules decide); one with a bad token is
 * answered 401 here.
 */
class BearerTokenFilter extends OncePerRequestFilter {

    private final BearerTokens tokens;
    private final AuthenticationEntryPoint entryPoint;

    BearerTokenFilter(BearerTokens tokens, AuthenticationEntryPoint entryPoint) {
        this.tokens = tokens;
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
            CallerAuthentication authentication = (CallerAuthentication) tokens.authenticate(header);
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
}
