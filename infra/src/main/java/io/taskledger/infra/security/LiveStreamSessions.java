package io.taskledger.infra.security;

import io.taskledger.command.accounts.CredentialStore;
import io.taskledger.command.accounts.StoredCredential;
import io.taskledger.infra.security.AccessTokens.VerifiedToken;
import io.taskledger.query.stream.LiveStream;
import io.taskledger.query.stream.LiveStreams;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A live stream lasts only as long as the access token it was opened with: it ends when the token expires, and when
 * its session is revoked (a logout, a password change, a disabled account) within {@link #CHECK_EVERY} of the
 * change's commit, on whichever node the change was made. Tokens are checked against the database again only when a
 * security change was made or heard ({@link AuthenticationCache} counts them, {@link SecurityChangeNotifications}
 * hears the other nodes), once per distinct token, not on every tick.
 */
@Component
class LiveStreamSessions implements SmartLifecycle {

    static final Duration CHECK_EVERY = Duration.ofMillis(200);
    static final String EXPIRED = "its access token expired";
    static final String REVOKED = "its session ended";

    private final LiveStreams streams;
    private final RevokedTokens revokedTokens;
    private final CredentialStore credentials;
    private final AuthenticationCache changes;
    // Tokens expire in real time, whatever clock the domain runs on (as in AccessTokens).
    private final Clock clock = Clock.systemUTC();
    private ScheduledExecutorService checker;
    private long changesChecked = -1;

    LiveStreamSessions(LiveStreams streams, RevokedTokens revokedTokens, CredentialStore credentials,
                       AuthenticationCache changes) {
        this.streams = streams;
        this.revokedTokens = revokedTokens;
        this.credentials = credentials;
        this.changes = changes;
    }

    void check() {
        Instant now = clock.instant();
        long changesNow = changes.changesSoFar();
        boolean recheck = changesNow != changesChecked;
        Map<VerifiedToken, Boolean> valid = new HashMap<>();
        for (LiveStream<?> stream : streams.open()) {
            if (!(stream.principal() instanceof CallerAuthentication authentication)) {
                continue;
            }
            VerifiedToken token = authentication.getPrincipal().token();
            if (!token.expiresAt().isAfter(now)) {
                stream.end(EXPIRED);
            } else if (recheck && !valid.computeIfAbsent(token, this::stillValid)) {
                stream.end(REVOKED);
            }
        }
        changesChecked = changesNow;
    }

    private boolean stillValid(VerifiedToken token) {
        return credentials.find(token.username()).filter(StoredCredential::enabled).isPresent()
                && !revokedTokens.isRevoked(token.jti(), token.sessionId());
    }

    private void checkQuietly() {
        try {
            check();
        } catch (RuntimeException e) {
            // The database may be unreachable for a moment; the next tick checks again (changesChecked is unchanged).
            org.slf4j.LoggerFactory.getLogger(LiveStreamSessions.class)
                    .warn("Could not check the live streams' sessions: {}", e.getMessage());
        }
    }

    @Override
    public synchronized void start() {
        checker = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "live-stream-sessions");
            thread.setDaemon(true);
            return thread;
        });
        checker.scheduleWithFixedDelay(this::checkQuietly, CHECK_EVERY.toMillis(), CHECK_EVERY.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (checker != null) {
            checker.shutdownNow();
            checker = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return checker != null;
    }
}
