package io.taskledger.infra.security;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.JwtParser;
import io.jsonwebtoken.Jws;
import io.jsonwebtoken.Jwts;
import io.taskledger.api.access.GlobalRole;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/**
 * Access tokens: JWTs signed with HS256, carrying {@code sub} (the username), {@code role}, {@code jti}, {@code sid}
 * (the session's refresh family), {@code iss}, {@code aud}, {@code iat} and {@code exp}. Verification accepts only
 * HS256 signed with our key, our issuer and audience, and a token not yet expired: an unsigned ({@code alg=none})
 * token, another algorithm, another key, a missing claim, all are refused alike.
 */
@Component
class AccessTokens {

    static final String ROLE = "role";
    static final String SESSION = "sid";
    private static final String HS256 = "HS256";

    private final SigningKey signingKey;
    private final Clock clock;
    private final SecurityProperties.Jwt settings;

    AccessTokens(SigningKey signingKey, SecurityProperties properties) {
        this.signingKey = signingKey;
        // Sessions live in real time, whatever clock the domain runs on (tests move that one forward).
        this.clock = Clock.systemUTC();
        this.settings = properties.getJwt();
    }

    /** A verified token: whose it is, and what a logout needs to revoke it. */
    record VerifiedToken(String username, UUID jti, UUID sessionId, Instant expiresAt) {
    }

    record IssuedToken(String token, Instant expiresAt) {
    }

    IssuedToken issue(String username, GlobalRole role, UUID sessionId) {
        Instant now = clock.instant();
        Instant expiresAt = now.plus(settings.getAccessTokenLifetime());
        String token = Jwts.builder()
                .header().type("JWT").and()
                .subject(username)
                .claim(ROLE, role.name())
                .claim(SESSION, sessionId.toString())
                .id(UUID.randomUUID().toString())
                .issuer(settings.getIssuer())
                .audience().add(settings.getAudience()).and()
                .issuedAt(Date.from(now))
                .expiration(Date.from(expiresAt))
                .signWith(signingKey.get(), Jwts.SIG.HS256)
                .compact();
        return new IssuedToken(token, expiresAt);
    }

    VerifiedToken verify(String token) {
        try {
            Jws<Claims> jws = parser().parseSignedClaims(token);
            if (!HS256.equals(jws.getHeader().getAlgorithm())) {
                throw new BadCredentialsException("unexpected algorithm");
            }
            Claims claims = jws.getPayload();
            if (claims.getSubject() == null || claims.getId() == null || claims.getIssuedAt() == null
                    || claims.getExpiration() == null || claims.get(SESSION, String.class) == null) {
                throw new BadCredentialsException("incomplete token");
            }
            return new VerifiedToken(claims.getSubject(), UUID.fromString(claims.getId()),
                    UUID.fromString(claims.get(SESSION, String.class)), claims.getExpiration().toInstant());
        } catch (JwtException | IllegalArgumentException | ClassCastException invalid) {
            throw new BadCredentialsException("invalid access token");
        }
    }

    private JwtParser parser() {
        return Jwts.parser()
                .verifyWith(signingKey.get())
                .requireIssuer(settings.getIssuer())
                .requireAudience(settings.getAudience())
                .clock(() -> Date.from(clock.instant()))
                .build();
    }
}
