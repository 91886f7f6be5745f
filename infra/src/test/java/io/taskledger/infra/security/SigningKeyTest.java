package io.taskledger.infra.security;

import org.junit.jupiter.api.Test;

import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThatNoException;

/** A malformed configured secret stops the start (the key is a start-up task), instead of failing every login. */
class SigningKeyTest {

    @Test
    void a_secret_that_is_not_base64_or_too_short_refuses_the_start() {
        assertThatThrownBy(() -> signingKey("not base64 !").run())
                .hasMessageContaining("TASKLEDGER_JWT_SECRET").hasMessageContaining("Base64");
        assertThatThrownBy(() -> signingKey("c2hvcnQ=").run())
                .hasMessageContaining("at least 32 bytes");
        assertThatNoException().isThrownBy(() -> signingKey("MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=").run());
    }

    private static SigningKey signingKey(String secret) {
        SecurityProperties properties = new SecurityProperties();
        properties.getJwt().setSecret(secret);
        return new SigningKey(null, Clock.systemUTC(), properties);
    }
}
