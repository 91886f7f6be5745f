package io.taskledger.command.accounts;

import io.taskledger.api.error.ErrorCode;
import io.taskledger.api.error.TaskledgerException;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * What a password must be: at least {@code minLength} characters, at most {@value #MAX_BYTES} bytes in UTF-8 (BCrypt
 * reads no further, so a longer one would be silently cut), and it must not contain the username (without its
 * {@code @}), ignoring case. The refusal never repeats the password.
 */
public final class PasswordPolicy {

    public static final int MAX_BYTES = 72;

    private final int minLength;

    public PasswordPolicy(int minLength) {
        this.minLength = minLength;
    }

    public void check(String username, String password) {
        if (password == null || password.isEmpty()) {
            throw weak("password is required");
        }
        if (password.codePointCount(0, password.length()) < minLength) {
            throw weak("password must be at least " + minLength + " characters long");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw weak("password must be at most " + MAX_BYTES + " bytes in UTF-8");
        }
        String name = username == null ? "" : username.replace("@", "").toLowerCase(Locale.ROOT);
        if (!name.isEmpty() && password.toLowerCase(Locale.ROOT).contains(name)) {
            throw weak("password must not contain the username");
        }
    }

    public int minLength() {
        return minLength;
    }

    private static TaskledgerException weak(String message) {
        return new TaskledgerException(ErrorCode.WEAK_PASSWORD, message);
    }
}
