package io.taskledger.infra.security;

import io.taskledger.api.access.Caller;
import io.taskledger.api.access.GlobalRole;
import io.taskledger.infra.security.AccessTokens.VerifiedToken;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class AuthenticationCacheTest {

    private static final Instant NOW = Instant.parse("2026-11-27T00:00:00Z");

    private final AuthenticationCache cache = new AuthenticationCache();

    @Test
    void a_checked_token_is_found_again_until_it_expires() {
        AuthenticationCache.Checked checked = checked(GlobalRole.VIEWER, NOW.plusSeconds(60));

        cache.remember("token", checked, cache.changesSoFar());

        assertThat(cache.find("token", NOW)).contains(checked);
        assertThat(cache.find("token", NOW.plusSeconds(60))).as("expired").isEmpty();
        assertThat(cache.find("other token", NOW)).isEmpty();
    }

    @Test
    void a_check_read_before_a_change_is_not_kept() {
        long changesBefore = cache.changesSoFar();
        cache.forgetAll();   // e.g. the role changed while the database was being read

        cache.remember("token", checked(GlobalRole.ADMIN, NOW.plusSeconds(60)), changesBefore);

        assertThat(cache.find("token", NOW)).isEmpty();
    }

    @Test
    void a_change_forgets_every_token_now_and_again_when_its_transaction_completes() {
        cache.remember("token", checked(GlobalRole.ADMIN, NOW.plusSeconds(60)), cache.changesSoFar());
        TransactionSynchronizationManager.initSynchronization();
        try {
            cache.forgetAll();
            assertThat(cache.find("token", NOW)).isEmpty();
            // A request that read the old role before the commit puts it back...
            cache.remember("token", checked(GlobalRole.ADMIN, NOW.plusSeconds(60)), cache.changesSoFar());

            TransactionSynchronizationManager.getSynchronizations()
                    .forEach(synchronization -> synchronization.afterCompletion(
                            TransactionSynchronization.STATUS_COMMITTED));

            // ...and the commit forgets it.
            assertThat(cache.find("token", NOW)).isEmpty();
        } finally {
            TransactionSynchronizationManager.clearSynchronization();
        }
    }

    private static AuthenticationCache.Checked checked(GlobalRole role, Instant expiresAt) {
        return new AuthenticationCache.Checked(new Caller("someone", role),
                new VerifiedToken("someone", UUID.randomUUID(), UUID.randomUUID(), expiresAt));
    }
}
