package io.taskledger.infra.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** {@code taskledger.security.*}: the settings of authentication, sessions, throttles and CORS (docs/security.md). */
@ConfigurationProperties(prefix = "taskledger.security")
public class SecurityProperties {

    /** The bootstrap administrator's password ({@code TASKLEDGER_ADMIN_PASSWORD}); unset: generated and logged once. */
    private String adminPassword;
    private final Jwt jwt = new Jwt();
    private final Login login = new Login();
    private final RateLimit rateLimit = new RateLimit();
    private final Cors cors = new Cors();

    public String getAdminPassword() {
        return adminPassword;
    }

    public void setAdminPassword(String adminPassword) {
        this.adminPassword = adminPassword;
    }

    public Jwt getJwt() {
        return jwt;
    }

    public Login getLogin() {
        return login;
    }

    public RateLimit getRateLimit() {
        return rateLimit;
    }

    public Cors getCors() {
        return cors;
    }

    public static class Jwt {
        private String issuer = "taskledger";
        private String audience = "taskledger-api";
        private Duration accessTokenLifetime = Duration.ofMinutes(15);
        private Duration refreshTokenLifetime = Duration.ofDays(7);
        /** Base64 HMAC key of at least 32 bytes; unset: generated once and kept in the database. */
        private String secret;

        public String getIssuer() {
            return issuer;
        }

        public void setIssuer(String issuer) {
            this.issuer = issuer;
        }

        public String getAudience() {
            return audience;
        }

        public void setAudience(String audience) {
            this.audience = audience;
        }

        public Duration getAccessTokenLifetime() {
            return accessTokenLifetime;
        }

        public void setAccessTokenLifetime(Duration accessTokenLifetime) {
            this.accessTokenLifetime = accessTokenLifetime;
        }

        public Duration getRefreshTokenLifetime() {
            return refreshTokenLifetime;
        }

        public void setRefreshTokenLifetime(Duration refreshTokenLifetime) {
            this.refreshTokenLifetime = refreshTokenLifetime;
        }

        public String getSecret() {
            return secret;
        }

        public void setSecret(String secret) {
            this.secret = secret;
        }
    }

    public static class Login {
        private int maxFailuresPerAccount = 5;
        private int maxFailuresPerAddress = 20;
        private Duration lockout = Duration.ofMinutes(15);

        public int getMaxFailuresPerAccount() {
            return maxFailuresPerAccount;
        }

        public void setMaxFailuresPerAccount(int maxFailuresPerAccount) {
            this.maxFailuresPerAccount = maxFailuresPerAccount;
        }

        public int getMaxFailuresPerAddress() {
            return maxFailuresPerAddress;
        }

        public void setMaxFailuresPerAddress(int maxFailuresPerAddress) {
            this.maxFailuresPerAddress = maxFailuresPerAddress;
        }

        public Duration getLockout() {
            return lockout;
        }

        public void setLockout(Duration lockout) {
            this.lockout = lockout;
        }
    }

    public static class RateLimit {
        /** Requests an account may send in a burst. */
        private int capacity = 1000;
        /** Requests per second an account may sustain. */
        private double refillPerSecond = 100;

        public int getCapacity() {
            return capacity;
        }

        public void setCapacity(int capacity) {
            this.capacity = capacity;
        }

        public double getRefillPerSecond() {
            return refillPerSecond;
        }

        public void setRefillPerSecond(double refillPerSecond) {
            this.refillPerSecond = refillPerSecond;
        }
    }

    public static class Cors {
        /** Origins allowed to call the API from a browser; empty (the default): none. */
        private List<String> allowedOrigins = new ArrayList<>();

        public List<String> getAllowedOrigins() {
            return allowedOrigins;
        }

        public void setAllowedOrigins(List<String> allowedOrigins) {
            this.allowedOrigins = allowedOrigins;
        }
    }
}
