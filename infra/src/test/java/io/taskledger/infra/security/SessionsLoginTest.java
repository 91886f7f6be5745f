package io.taskledger.infra.security;

import io.taskledger.api.access.GlobalRole;
import io.taskledger.api.error.ErrorCode;
import io.taskledger.api.error.TaskledgerException;
import io.taskledger.command.accounts.CredentialStore;
import io.taskledger.command.accounts.StoredCredential;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/**
 * A wrong password and an unknown username cost the same: exactly one BCrypt check of the same cost each (an unknown
 * user's password is checked against a dummy hash), and the same refusal.
 */
class SessionsLoginTest {

    private final CountingEncoder encoder = new CountingEncoder(new BCryptPasswordEncoder(4));
    private final CredentialStore credentials = mock(CredentialStore.class);
    private final Sessions sessions = new Sessions(credentials, encoder,
            new LoginThrottle(Clock.systemUTC(), new SecurityProperties()), null, null, null, Clock.systemUTC());

    @Test
    void an_unknown_user_and_a_wrong_password_each_cost_one_hash_check_and_get_the_same_refusal() {
        when(credentials.find("alice")).thenReturn(Optional.of(new StoredCredential("alice",
                new BCryptPasswordEncoder(4).encode("alices-real-passphrase"), GlobalRole.VIEWER, true)));
        when(credentials.find("nobody")).thenReturn(Optional.empty());

        int before = encoder.checks.get();
        String wrongPassword = refusal(() -> sessions.login("alice", "a-wrong-passphrase", "10.0.0.1"));
        int afterWrongPassword = encoder.checks.get();
        String unknownUser = refusal(() -> sessions.login("nobody", "a-wrong-passphrase", "10.0.0.2"));

        assertThat(afterWrongPassword - before).isEqualTo(1);
        assertThat(encoder.checks.get() - afterWrongPassword).isEqualTo(1);
        assertThat(wrongPassword).isEqualTo(unknownUser);
    }

    @Test
    void a_disabled_accounts_right_password_is_checked_and_refused_like_a_wrong_one() {
        when(credentials.find("gone")).thenReturn(Optional.of(new StoredCredential("gone",
                new BCryptPasswordEncoder(4).encode("the-right-passphrase"), GlobalRole.VIEWER, false)));

        int before = encoder.checks.get();
        assertThat(refusal(() -> sessions.login("gone", "the-right-passphrase", "10.0.0.3")))
                .isEqualTo("the username or password is wrong");
        assertThat(encoder.checks.get() - before).isEqualTo(1);
    }

    private static String refusal(Runnable login) {
        TaskledgerException[] thrown = new TaskledgerException[1];
        assertThatThrownBy(login::run).isInstanceOfSatisfying(TaskledgerException.class, e -> thrown[0] = e);
        assertThat(thrown[0].code()).isEqualTo(ErrorCode.UNAUTHENTICATED);
        return thrown[0].getMessage();
    }

    private static final class CountingEncoder implements PasswordEncoder {
        private final PasswordEncoder delegate;
        private final AtomicInteger checks = new AtomicInteger();

        CountingEncoder(PasswordEncoder delegate) {
            this.delegate = delegate;
        }

        @Override
        public String encode(CharSequence raw) {
            return delegate.encode(raw);
        }

        @Override
        public boolean matches(CharSequence raw, String encoded) {
            checks.incrementAndGet();
            return delegate.matches(raw, encoded);
        }
    }
}
