package io.taskledger.infra.security;

import io.taskledger.infra.web.RateLimitedException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/** Every authenticated request takes one from its account's bucket; an empty bucket answers 429 with Retry-After. */
class RateLimitFilter extends OncePerRequestFilter {

    private final RequestRateLimiter limiter;
    private final HandlerExceptionResolver errors;

    RateLimitFilter(RequestRateLimiter limiter, HandlerExceptionResolver errors) {
        this.limiter = limiter;
        this.errors = errors;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof CallerAuthentication caller) {
            Optional<Duration> wait = limiter.acquire(caller.getName());
            if (wait.isPresent()) {
                errors.resolveException(request, response, null,
                        new RateLimitedException("too many requests from " + caller.getName(), wait.get()));
                return;
            }
        }
        chain.doFilter(request, response);
    }
}
