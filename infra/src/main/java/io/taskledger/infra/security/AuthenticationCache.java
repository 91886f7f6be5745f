package io.taskledger.infra.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.taskledger.api.access.Caller;
import io.taskledger.api.account.AccountDisabled;
import io.taskledger.api.account.AccountPasswordChanged;
import io.taskledger.api.account.AccountRoleChanged;
import io.taskledger.infra.security.AccessTokens.VerifiedToken;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What an access token was last found to authenticate (its verified claims, the account's current role), so that a
 * client sending the same token again is not checked against the database on every request: the checks cost two of
 * the three or four connections a request took from the pool (docs/benchmarks.md).
 *
 * <p>Nothing goes stale: every change that could alter a check (a role change, a disabled account, a new password,
 * a logout or revoked session) forgets every entry, once when it happens and again when its transaction commits,
 * and an answer read from the database is kept only if no such change happened meanwhile. A role change thus
 * applies to the very next request, as without the cache. With several nodes, a change on one is announced to the
 * others ({@link SecurityChangeNotifications}, PostgreSQL's LISTEN/NOTIFY, delivered when the change commits), and
 * they forget every entry too; while a node cannot hear those announcements, it keeps nothing. Entries also lapse
 * after {@link #LIFETIME}.
 */
@Component
@ProcessingGroup(SessionRevocations.PROCESSING_GROUP)
class AuthenticationCache {

    static final Duration LIFETIME = Duration.ofSeconds(30);

    /** A token's verified claims and the caller they stand for. */
    record Checked(Caller caller, VerifiedToken token) {
    }

    private final Cache<String, Checked> entries = Caffeine.newBuilder()
            .maximumSize(10_000)
            .expireAfterWrite(LIFETIME)
            .executor(Runnable::run)
            .build();
    private final AtomicLong changes = new AtomicLong();
    /** Whether this node hears the other nodes' changes; true alone, until a cluster listener says otherwise. */
    private volatile boolean hearsOtherNodes = true;
    private volatile Runnable announcement = () -> { };

    /** To pass to {@link #remember}: taken before the database is read. */
    long changesSoFar() {
        return changes.get();
    }

    Optional<Checked> find(String token, Instant now) {
        if (!hearsOtherNodes) {
            return Optional.empty();
        }
        return Optional.ofNullable(entries.getIfPresent(token))
                .filter(checked -> checked.token().expiresAt().isAfter(now));
    }

    /** Keeps the result of checking the token, unless a change happened since {@code changesBefore}. */
    void remember(String token, Checked checked, long changesBefore) {
        if (changes.get() != changesBefore || !hearsOtherNodes) {
            return;
        }
        entries.put(token, checked);
        if (changes.get() != changesBefore) {
            // A change came between the test and the put: the entry may already be outdated.
            entries.invalidate(token);
        }
    }

    /**
     * Forgets every entry now and again once the current transaction, if any, has committed; the other nodes are told
     * to forget theirs when it commits.
     */
    void forgetAll() {
        forgetNow();
        announcement.run();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    forgetNow();
                }
            });
        }
    }

    /** How a change is announced to the other nodes (in the change's transaction, if there is one). */
    void announceChangesWith(Runnable announcement) {
        this.announcement = announcement;
    }

    /** Another node changed something: forget every entry. */
    void changedElsewhere() {
        forgetNow();
    }

    /** While this node may miss other nodes' changes, it keeps nothing; entries from before are forgotten. */
    void hearsOtherNodes(boolean hears) {
        forgetNow();
        hearsOtherNodes = hears;
        forgetNow();
    }

    private void forgetNow() {
        changes.incrementAndGet();
        entries.invalidateAll();
    }

    @EventHandler
    void on(AccountRoleChanged event) {
        forgetAll();
    }

    @EventHandler
    void on(AccountDisabled event) {
        forgetAll();
    }

    @EventHandler
    void on(AccountPasswordChanged event) {
        forgetAll();
    }
}
