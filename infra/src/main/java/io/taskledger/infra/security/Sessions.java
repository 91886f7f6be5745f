package io.taskledger.infra.security;

import io.taskledger.api.access.GlobalRole;
import io.taskledger.api.error.ErrorCode;
import io.taskledger.api.error.TaskledgerException;
import io.taskledger.command.accounts.CredentialStore;
import io.taskledger.command.accounts.PasswordPolicy;
import io.taskledger.command.accounts.StoredCredential;
import io.taskledger.infra.security.AccessTokens.IssuedToken;
import io.taskledger.infra.security.AccessTokens.VerifiedToken;
import io.taskledger.infra.security.RefreshTokens.Rotated;
import io.taskledger.infra.web.RateLimitedException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** Logging in, refreshing and logging out: the sessions of {@code /api/auth}. */
@Service
class Sessions {

    private final CredentialStore credentials;
    private final PasswordEncoder passwordEncoder;
    private final LoginThrottle throttle;
    private final AccessTokens accessTokens;
    private final RefreshTokens refreshTokens;
    private final RevokedTokens revokedTokens;
    private final Clock clock;
    /**
     * What an unknown username's password is checked against, so it costs the same time as a wrong password. Hashed
     * on another thread: at the default cost it would add a quarter of a second to every start.
     */
    private final CompletableFuture<String> dummyHash;

    @Autowired
    Sessions(CredentialStore credentials, PasswordEncoder passwordEncoder, LoginThrottle throttle,
             AccessTokens accessTokens, RefreshTokens refreshTokens, RevokedTokens revokedTokens) {
        // Sessions live in real time, whatever clock the domain runs on (tests move that one forward).
        this(credentials, passwordEncoder, throttle, accessTokens, refreshTokens, revokedTokens, Clock.systemUTC());
    }

    Sessions(CredentialStore credentials, PasswordEncoder passwordEncoder, LoginThrottle throttle,
             AccessTokens accessTokens, RefreshTokens refreshTokens, RevokedTokens revokedTokens, Clock clock) {
        this.credentials = credentials;
        this.passwordEncoder = passwordEncoder;
        this.throttle = throttle;
        this.accessTokens = accessTokens;
        this.refreshTokens = refreshTokens;
        this.revokedTokens = revokedTokens;
        this.clock = clock;
        this.dummyHash = CompletableFuture.supplyAsync(
                () -> passwordEncoder.encode("no account has this password: " + System.nanoTime()));
    }

    record TokenPair(String accessToken, String refreshToken, String tokenType, long expiresIn) {
        @Override
        public String toString() {
            return "TokenPair[expiresIn=" + expiresIn + "]";
        }
    }

    TokenPair login(String username, String password, String clientAddress) {
        Optional<Duration> wait = throttle.waitBefore(username, clientAddress);
        if (wait.isPresent()) {
            throw new RateLimitedException("too many failed logins; try again later", wait.get());
        }
        Optional<StoredCredential> stored = credentials.find(username);
        String hash = stored.map(StoredCredential::passwordHash).orElseGet(dummyHash::join);
        boolean matches = passwordMatches(password, hash);
        if (!matches || stored.isEmpty() || !stored.get().enabled()) {
            throttle.failed(username, clientAddress);
            throw new TaskledgerException(ErrorCode.UNAUTHENTICATED, "the username or password is wrong");
        }
        throttle.succeeded(username);
        Rotated session = refreshTokens.start(username);
        return pair(username, stored.get().role(), session);
    }

    TokenPair refresh(String refreshToken) {
        Rotated rotated = refreshTokens.rotate(refreshToken).orElseThrow(Sessions::invalidRefreshToken);
        StoredCredential account = credentials.find(rotated.username())
                .filter(StoredCredential::enabled)
                .orElseThrow(Sessions::invalidRefreshToken);
        return pair(account.username(), account.role(), rotated);
    }

    /** Ends the session now: this access token by its jti, and the whole refresh family. */
    void logout(VerifiedToken token) {
        revokedTokens.revoke(token.jti(), token.expiresAt());
        refreshTokens.revoke(token.sessionId());
    }

    private TokenPair pair(String username, GlobalRole role, Rotated session) {
        IssuedToken access = accessTokens.issue(username, role, session.sessionId());
        long expiresIn = Math.max(0, Duration.between(clock.instant(), access.expiresAt()).toSeconds());
        return new TokenPair(access.token(), session.refreshToken(), "Bearer", expiresIn);
    }

    /** BCrypt reads 72 bytes at most; a longer password is checked (for the time it takes) and refused. */
    private boolean passwordMatches(String password, String hash) {
        if (password == null || password.getBytes(StandardCharsets.UTF_8).length > PasswordPolicy.MAX_BYTES) {
            passwordEncoder.matches("", hash);
            return false;
        }
        return passwordEncoder.matches(password, hash);
    }

    private static TaskledgerException invalidRefreshToken() {
        return new TaskledgerException(ErrorCode.UNAUTHENTICATED, "the refresh token is not valid; log in again");
    }
}
