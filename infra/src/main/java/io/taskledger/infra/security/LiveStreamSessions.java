package io.taskledger.infra.security;

import io.taskledger.api.access.GlobalRole;
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
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A live stream lasts only as long as the access token it was opened with: it ends when the token expires, and when
 * its session is revoked (a logout, a password change, a disabled account) or its account's global role changes
 * (what it may read was decided with the old one: an AUDITOR made VIEWER no longer reads every project; the client
 * opens the stream again and is decided anew) within {@link #CHECK_EVERY} of the change's commit, on whichever node
 * the change was made. Tokens are checked against the database again only when a
 * security change was made or heard ({@link AuthenticationCache} counts them, {@link SecurityChangeNotifications}
 * hears the other nodes), once per distinct token, not on every tick.
 */
@Component
class LiveStreamSessions implements SmartLifecycle {

    static final Duration CHECK_EVERY = Duration.ofMillis(200);
    static final String EXPIRED = "its access token expired";
    static final String REVOKED = "its session ended";
    static final String ROLE_CHANGED = "its account's role changed";

    /** A token as a stream holds it, with the role the stream was opened under. */
    private record Held(VerifiedToken token, GlobalRole role) {
    }

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
        Map<Held, Optional<String>> endings = new HashMap<>();
        for (LiveStream<?> stream : streams.open()) {
            if (!(stream.principal() instanceof CallerAuthentication authentication)) {
                continue;
            }
            VerifiedToken token = authentication.getPrincipal().token();
            if (!token.expiresAt().isAfter(now)) {
                stream.end(EXPIRED);
            } else if (recheck) {
                endings.computeIfAbsent(new Held(token, authentication.getPrincipal().caller().role()), this::ending)
                        .ifPresent(stream::end);
            }
        }
        changesChecked = changesNow;
    }

    /** Why a stream holding the token must end now, if it must. */
    private Optional<String> ending(Held held) {
        Optional<StoredCredential> account = credentials.find(held.token().username())
                .filter(StoredCredential::enabled);
        if (account.isEmpty() || revokedTokens.isRevoked(held.token().jti(), held.token().sessionId())) {
            return Optional.of(REVOKED);
        }
        return account.get().role() == held.role() ? Optional.empty() : Optional.of(ROLE_CHANGED);
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
