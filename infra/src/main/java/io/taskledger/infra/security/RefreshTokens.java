package io.taskledger.infra.security;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Sessions as refresh-token families. A login starts a family with its first refresh token; each refresh spends
 * the presented token (single use) and issues the next one in the same family. Tokens are 256 random bits, stored
 * only as their SHA-256. Presenting a spent token means it was copied: the whole family is revoked, so neither the
 * thief nor the owner can go on with it, and the access tokens of the family stop working too.
 */
@Component
class RefreshTokens {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final SecurityProperties.Jwt settings;
    private final AuthenticationCache checkedTokens;

    RefreshTokens(JdbcTemplate jdbc, TransactionTemplate transaction, SecurityProperties properties,
                  AuthenticationCache checkedTokens) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.checkedTokens = checkedTokens;
        // Sessions live in real time, whatever clock the domain runs on (tests move that one forward).
        this.clock = Clock.systemUTC();
        this.settings = properties.getJwt();
    }

    /** The owner of a refresh token that was just spent, and the token that replaces it. */
    record Rotated(String username, UUID sessionId, String refreshToken) {
    }

    /** Starts a session for the account; answers its first refresh token. */
    Rotated start(String username) {
        return transaction.execute(status -> {
            UUID sessionId = UUID.randomUUID();
            jdbc.update("INSERT INTO refresh_token_family (family_id, username, created_at) VALUES (?, ?, ?)",
                    sessionId, username, now());
            return new Rotated(username, sessionId, issue(sessionId));
        });
    }

    /**
     * Spends the token and issues its successor; empty when the token is unknown, expired, spent (its family is
     * then revoked, and that revocation is committed) or of a revoked family.
     */
    Optional<Rotated> rotate(String refreshToken) {
        return transaction.execute(status -> {
            List<Presented> found = jdbc.query("""
                            SELECT t.family_id, t.expires_at, t.used_at, f.username, f.revoked_at
                            FROM refresh_token t JOIN refresh_token_family f ON f.family_id = t.family_id
                            WHERE t.token_hash = ? FOR UPDATE OF t, f""",
                    (row, index) -> new Presented(row.getObject("family_id", UUID.class),
                            row.getTimestamp("expires_at").toInstant(), row.getTimestamp("used_at") != null,
                            row.getString("username"), row.getTimestamp("revoked_at") != null),
                    hash(refreshToken));
            if (found.isEmpty()) {
                return Optional.<Rotated>empty();
            }
            Presented presented = found.get(0);
            if (presented.spent()) {
                revoke(presented.sessionId());
                return Optional.<Rotated>empty();
            }
            if (presented.revoked() || !presented.expiresAt().isAfter(clock.instant())) {
                return Optional.<Rotated>empty();
            }
            jdbc.update("UPDATE refresh_token SET used_at = ? WHERE token_hash = ?", now(), hash(refreshToken));
            return Optional.of(new Rotated(presented.username(), presented.sessionId(),
                    issue(presented.sessionId())));
        });
    }

    void revoke(UUID sessionId) {
        jdbc.update("UPDATE refresh_token_family SET revoked_at = ? WHERE family_id = ? AND revoked_at IS NULL",
                now(), sessionId);
        checkedTokens.forgetAll();
    }

    /** Ends every session of the account (password changed, account disabled). */
    void revokeAllOf(String username) {
        jdbc.update("UPDATE refresh_token_family SET revoked_at = ? WHERE username = ? AND revoked_at IS NULL",
                now(), username);
        checkedTokens.forgetAll();
    }

    private String issue(UUID sessionId) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        jdbc.update("INSERT INTO refresh_token (token_hash, family_id, expires_at) VALUES (?, ?, ?)",
                hash(token), sessionId, Timestamp.from(clock.instant().plus(settings.getRefreshTokenLifetime())));
        return token;
    }

    private Timestamp now() {
        return Timestamp.from(clock.instant());
    }

    /** A fast hash is enough: the token is 256 random bits, not a password someone could guess. */
    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Presented(UUID sessionId, Instant expiresAt, boolean spent, String username, boolean revoked) {
    }
}
