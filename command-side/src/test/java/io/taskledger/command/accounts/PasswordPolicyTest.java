package io.taskledger.command.accounts;

import io.taskledger.api.error.ErrorCode;
import io.taskledger.api.error.TaskledgerException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PasswordPolicyTest {

    private final PasswordPolicy policy = new PasswordPolicy(12);

    @Test
    void a_long_enough_password_without_the_username_passes() {
        assertThatCode(() -> policy.check("alice", "correct horse battery")).doesNotThrowAnyException();
    }

    @Test
    void too_short_too_long_or_containing_the_username_is_refused_without_echoing_it() {
        assertWeak("alice", "short", "at least 12 characters");
        assertWeak("alice", "x".repeat(73), "at most 72 bytes");
        assertWeak("alice", "my-ALICE-password", "must not contain the username");
        assertWeak("@coding-agent", "the coding-agent secret", "must not contain the username");
        assertWeak("alice", null, "password is required");
    }

    private void assertWeak(String username, String password, String reason) {
        assertThatThrownBy(() -> policy.check(username, password))
                .isInstanceOfSatisfying(TaskledgerException.class, refusal -> {
                    assertThat(refusal.code()).isEqualTo(ErrorCode.WEAK_PASSWORD);
                    assertThat(refusal.getMessage()).contains(reason);
                    if (password != null) {
                        assertThat(refusal.getMessage()).doesNotContain(password);
                    }
                });
    }
}
