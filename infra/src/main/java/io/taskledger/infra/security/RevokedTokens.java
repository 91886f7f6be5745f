package io.taskledger.infra.security;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * The deny-list of access tokens: a token logged out of (by its {@code jti}, kept until it would have expired
 * anyway), and every token of a revoked session. In the database, so a logout on one node holds on all of them.
 */
@Component
class RevokedTokens {

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final AuthenticationCache checkedTokens;

    RevokedTokens(JdbcTemplate jdbc, AuthenticationCache checkedTokens) {
        this.jdbc = jdbc;
        this.checkedTokens = checkedTokens;
        // Sessions live in real time, whatever clock the domain runs on (tests move that one forward).
        this.clock = Clock.systemUTC();
    }

    void revoke(UUID jti, Instant expiresAt) {
        jdbc.update("INSERT INTO revoked_access_token (jti, expires_at) VALUES (?, ?) ON CONFLICT (jti) DO NOTHING",
                jti, Timestamp.from(expiresAt));
        checkedTokens.forgetAll();
        // Entries past their token's expiry protect nothing any more.
        jdbc.update("DELETE FROM revoked_access_token WHERE expires_at < ?", Timestamp.from(clock.instant()));
    }

    boolean isRevoked(UUID jti, UUID sessionId) {
        return Boolean.TRUE.equals(jdbc.queryForObject("""
                SELECT EXISTS (SELECT 1 FROM revoked_access_token WHERE jti = ?)
                    OR EXISTS (SELECT 1 FROM refresh_token_family WHERE family_id = ? AND revoked_at IS NOT NULL)
                """, Boolean.class, jti, sessionId));
    }
}
