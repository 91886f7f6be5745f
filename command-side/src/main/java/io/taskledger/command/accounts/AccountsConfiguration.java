package io.taskledger.command.accounts;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/** How passwords are hashed and what they must be (docs/security.md). */
@Configuration(proxyBeanMethods = false)
public class AccountsConfiguration {

    /**
     * BCrypt with a cost of {@code taskledger.security.password.bcrypt-cost} (default 12: about a quarter of a second
     * per hash on a current core, the price of each guess for whoever steals the table).
     */
    @Bean
    PasswordEncoder passwordEncoder(@Value("${taskledger.security.password.bcrypt-cost:12}") int cost) {
        return new BCryptPasswordEncoder(cost);
    }

    @Bean
    PasswordPolicy passwordPolicy(@Value("${taskledger.security.password.min-length:12}") int minLength) {
        return new PasswordPolicy(minLength);
    }
}
