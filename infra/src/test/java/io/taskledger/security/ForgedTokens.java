package io.taskledger.security;

import io.jsonwebtoken.JwtBuilder;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;

import javax.crypto.SecretKey;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/** Builds access tokens the way an attacker would, each wrong in one way and right in every other. */
final class ForgedTokens {

    static final String ISSUER = "taskledger";
    static final String AUDIENCE = "taskledger-api";

    private final SecretKey serverKey;

    ForgedTokens(byte[] serverKey) {
        this.serverKey = Keys.hmacShaKeyFor(serverKey);
    }

    /** Everything right: the control that shows the forging itself is sound. */
    String valid(String username, String role) {
        return claims(username, role, ISSUER, AUDIENCE, Instant.now(), Duration.ofMinutes(5))
                .signWith(serverKey, Jwts.SIG.HS256).compact();
    }

    /** Everything right, expiring after {@code lifetime}. */
    String validFor(String username, String role, Duration lifetime) {
        return claims(username, role, ISSUER, AUDIENCE, Instant.now(), lifetime)
                .signWith(serverKey, Jwts.SIG.HS256).compact();
    }

    String expired(String username, String role) {
        return claims(username, role, ISSUER, AUDIENCE, Instant.now().minus(Duration.ofHours(1)),
                Duration.ofMinutes(15)).signWith(serverKey, Jwts.SIG.HS256).compact();
    }

    String issuedBy(String issuer, String username, String role) {
        return claims(username, role, issuer, AUDIENCE, Instant.now(), Duration.ofMinutes(5))
                .signWith(serverKey, Jwts.SIG.HS256).compact();
    }

    String forAudience(String audience, String username, String role) {
        return claims(username, role, ISSUER, audience, Instant.now(), Duration.ofMinutes(5))
                .signWith(serverKey, Jwts.SIG.HS256).compact();
    }

    /** Signed with a key of the right size that is not the server's. */
    String signedWithAnotherKey(String username, String role) {
        byte[] other = new byte[32];
        new SecureRandom().nextBytes(other);
        return claims(username, role, ISSUER, AUDIENCE, Instant.now(), Duration.ofMinutes(5))
                .signWith(Keys.hmacShaKeyFor(other), Jwts.SIG.HS256).compact();
    }

    /** {@code alg: none}: claims without any signature. */
    String unsigned(String username, String role) {
        return claims(username, role, ISSUER, AUDIENCE, Instant.now(), Duration.ofMinutes(5)).compact();
    }

    private static JwtBuilder claims(String username, String role, String issuer, String audience, Instant issuedAt,
                                     Duration lifetime) {
        return Jwts.builder()
                .subject(username)
                .claim("role", role)
                .claim("sid", UUID.randomUUID().toString())
                .id(UUID.randomUUID().toString())
                .issuer(issuer)
                .audience().add(audience).and()
                .issuedAt(Date.from(issuedAt))
                .expiration(Date.from(issuedAt.plus(lifetime)));
    }
}
