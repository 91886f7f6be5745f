package io.taskledger.infra.security;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;

/** Passwords the server makes up for accounts it opens itself (the bootstrap admin, demo accounts). */
public final class GeneratedPasswords {

    private static final SecureRandom RANDOM = new SecureRandom();

    private GeneratedPasswords() {
    }

    /** 24 random bytes: 32 URL-safe characters, 192 bits; never containing the username (the password policy). */
    public static String generate(String username) {
        byte[] bytes = new byte[24];
        String password;
        do {
            RANDOM.nextBytes(bytes);
            password = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        } while (password.toLowerCase(Locale.ROOT).contains(username.toLowerCase(Locale.ROOT)));
        return password;
    }
}
