package io.taskledger.infra.security;

import io.taskledger.api.access.GlobalRole;
import io.taskledger.command.accounts.CredentialStore;
import io.taskledger.infra.idempotency.IdempotencyFilter;
import io.taskledger.query.api.MinPositionInterceptor;
import io.taskledger.query.api.PagedLists;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.servlet.HandlerExceptionResolver;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Who may send which request (docs/security.md). Stateless bearer tokens: no session, no CSRF token (no cookie is
 * ever trusted), no form login, no HTTP basic. Refusals are answered by {@code ProblemDetailsAdvice}, the one place
 * errors become problem details.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecurityProperties.class)
public class SecurityConfiguration {

    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");
    /** The API serves JSON only: nothing in a response may load, run or frame anything. */
    private static final String CONTENT_SECURITY_POLICY =
            "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, BearerTokens tokens, RequestRateLimiter limiter,
                                    @Qualifier("handlerExceptionResolver") HandlerExceptionResolver errors,
                                    UrlBasedCorsConfigurationSource cors,
                                    @Value("${management.server.port:-1}") int managementPort) throws Exception {
        AuthenticationEntryPoint unauthenticated = (request, response, e) ->
                errors.resolveException(request, response, null, e);
        AccessDeniedHandler forbidden = (request, response, e) -> errors.resolveException(request, response, null, e);
        BearerTokenFilter bearer = new BearerTokenFilter(tokens, unauthenticated);

        http.csrf(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .cors(configurer -> configurer.configurationSource(cors))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER)))
                .exceptionHandling(handling -> handling
                        .authenticationEntryPoint(unauthenticated)
                        .accessDeniedHandler(forbidden))
                .addFilterBefore(bearer, AnonymousAuthenticationFilter.class)
                .addFilterAfter(new RateLimitFilter(limiter, errors), BearerTokenFilter.class)
                .authorizeHttpRequests(requests -> requests
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        // The dispatch that finishes a live stream's response: its request was authorized when it
                        // opened, and the stream's token is checked while it lasts (LiveStreamSessions).
                        .dispatcherTypeMatchers(DispatcherType.ASYNC).permitAll()
                        .requestMatchers(HttpMethod.GET, "/health", "/health/*").permitAll()
                        .requestMatchers(HttpMethod.POST, "/api/auth/login", "/api/auth/refresh").permitAll()
                        .requestMatchers("/v3/api-docs", "/v3/api-docs/**").permitAll()
                        .requestMatchers(HttpMethod.GET, "/actuator/health", "/actuator/health/**").permitAll()
                        .requestMatchers(request -> isScrapeOnManagementPort(request, managementPort)).permitAll()
                        .requestMatchers("/actuator/**").hasRole(GlobalRole.ADMIN.name())
                        .requestMatchers("/api/admin/**").hasRole(GlobalRole.ADMIN.name())
                        .requestMatchers("/api/auth/**").authenticated()
                        .requestMatchers(HttpMethod.GET, "/api/users/me").authenticated()
                        .requestMatchers("/api/users", "/api/users/**").hasRole(GlobalRole.ADMIN.name())
                        // Queries and mutations share one URL: read-only roles are refused each mutation there.
                        // A browser cannot set headers on a WebSocket: its GraphQL handshake may come without a
                        // token, which connection_init then carries (GraphQlCaller); no operation runs before it.
                        .requestMatchers(SecurityConfiguration::isGraphQlWebSocketHandshake).permitAll()
                        .requestMatchers("/graphql").authenticated()
                        .requestMatchers(HttpMethod.GET, "/graphiql").permitAll()
                        // MCP tools that read and tools that send commands share one URL too.
                        .requestMatchers("/mcp").authenticated()
                        .requestMatchers(SecurityConfiguration::isWrite).access(SecurityConfiguration::mayWrite)
                        .anyRequest().authenticated());
        return http.build();
    }

    /**
     * Requests the firewall refuses before the filter chain runs (a URL with {@code //}, {@code ..}, {@code ;}, an
     * encoded {@code /}; a method or header it does not allow) are answered like every refusal, as a problem detail.
     */
    @Bean
    RequestRejectedHandler requestRejected(@Qualifier("handlerExceptionResolver") HandlerExceptionResolver errors) {
        return (request, response, e) -> errors.resolveException(request, response, null, e);
    }

    /**
     * No observation (timer, span) around each of the security chain's filters and decisions: a request went through
     * a dozen of them, a measurable share of a board read's CPU (docs/benchmarks.md), and no alert or dashboard reads
     * them. Whole requests are still timed ({@code http.server.requests}) and refusals still counted by status.
     */
    @Bean
    SecurityObservationSettings noSecurityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    /** Browsers may call the API only from {@code taskledger.security.cors.allowed-origins}; none by default. */
    @Bean
    UrlBasedCorsConfigurationSource corsConfigurationSource(SecurityProperties properties) {
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        List<String> origins = properties.getCors().getAllowedOrigins();
        if (!origins.isEmpty()) {
            CorsConfiguration configuration = new CorsConfiguration();
            configuration.setAllowedOrigins(origins);
            configuration.setAllowedMethods(List.of("GET", "POST", "PATCH", "DELETE"));
            configuration.setAllowedHeaders(List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.CONTENT_TYPE,
                    HttpHeaders.IF_MATCH, HttpHeaders.IF_NONE_MATCH, "X-Min-Version",
                    MinPositionInterceptor.MIN_POSITION_HEADER, "X-Correlation-Id",
                    IdempotencyFilter.KEY_HEADER));
            configuration.setExposedHeaders(List.of(HttpHeaders.ETAG, HttpHeaders.RETRY_AFTER,
                    HttpHeaders.LOCATION, "X-Correlation-Id", IdempotencyFilter.REPLAYED_HEADER,
                    PagedLists.HAS_MORE_HEADER, PagedLists.NEXT_AFTER_HEADER,
                    MinPositionInterceptor.MIN_POSITION_HEADER));
            configuration.setAllowCredentials(false);
            configuration.setMaxAge(Duration.ofHours(1));
            source.registerCorsConfiguration("/**", configuration);
        }
        return source;
    }

    /**
     * Prometheus scrapes without an account, but only on a management port of its own ({@code management.server.port},
     * {@code MANAGEMENT_SERVER_PORT}), which a deployment keeps off the public network (deploy/compose.yaml publishes
     * only the API port). On the API port, and when no such port is set, the metrics stay ADMIN only.
     */
    private static boolean isScrapeOnManagementPort(HttpServletRequest request, int managementPort) {
        return managementPort > 0 && request.getLocalPort() == managementPort && "GET".equals(request.getMethod())
                && "/actuator/prometheus".equals(request.getRequestURI());
    }

    private static boolean isWrite(HttpServletRequest request) {
        return !READS.contains(request.getMethod());
    }

    /** AUDITOR and VIEWER read; they change nothing. */
    private static AuthorizationDecision mayWrite(Supplier<? extends Authentication> authentication,
                                                  RequestAuthorizationContext context) {
        Authentication current = authentication.get();
        boolean allowed = current instanceof CallerAuthentication caller
                && !caller.getPrincipal().caller().role().isReadOnly();
        return new AuthorizationDecision(allowed);
    }

    private static boolean isGraphQlWebSocketHandshake(HttpServletRequest request) {
        return HttpMethod.GET.matches(request.getMethod()) && "/graphql".equals(request.getServletPath())
                && "websocket".equalsIgnoreCase(request.getHeader(HttpHeaders.UPGRADE));
    }
}
