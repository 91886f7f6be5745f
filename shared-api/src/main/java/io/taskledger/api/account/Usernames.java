package io.taskledger.api.account;

import io.taskledger.api.access.AccountKind;

import java.util.regex.Pattern;

/**
 * The format of usernames: lower-case, so two accounts can never differ only by case. A person's username is 3 to
 * 64 of {@code a-z 0-9 . _ -}, starting with a letter; an agent's is its handle, {@code @} followed by 2 to 63 of
 * the same characters, starting with a letter or digit (e.g. {@code @coding-agent}).
 */
public final class Usernames {

    public static final Pattern HUMAN = Pattern.compile("[a-z][a-z0-9._-]{2,63}");
    public static final Pattern AGENT = Pattern.compile("@[a-z0-9][a-z0-9._-]{1,62}");

    private Usernames() {
    }

    public static boolean isValid(String username, AccountKind kind) {
        return username != null && (kind == AccountKind.AGENT ? AGENT : HUMAN).matcher(username).matches();
    }

    public static boolean isValid(String username) {
        return isValid(username, AccountKind.HUMAN) || isValid(username, AccountKind.AGENT);
    }

    /** What a username must look like, in words, for refusals. */
    public static String rule(AccountKind kind) {
        return kind == AccountKind.AGENT
                ? "an agent's username is '@' then 2 to 63 of a-z, 0-9, '.', '_', '-' (e.g. @coding-agent)"
                : "a person's username is 3 to 64 of a-z, 0-9, '.', '_', '-', starting with a letter";
    }
}
