package io.taskledger.support;

import io.taskledger.api.access.AccountKind;
import io.taskledger.api.access.GlobalRole;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static io.taskledger.support.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Accounts for integration tests, opened through the API by the administrator. All tests share one database, so
 * an account opened by one test is reused by the next (same password). Each test logs in afresh: a token kept from
 * an earlier test may have expired, for instance when a test moves the server's clock forward.
 */
public final class Accounts {

    /** The bootstrap administrator's password in the test profile (application-test.yml). */
    public static final String ADMIN_PASSWORD = "test-only-root-secret-4f9a";
    /** Every account the tests open has this password. */
    public static final String PASSWORD = "Correct-Horse-Battery-Staple-71";

    private final Map<String, ApiClient> loggedIn = new ConcurrentHashMap<>();

    private final ApiClient admin;

    public Accounts(ApiClient admin) {
        this.admin = admin;
    }

    static ApiClient admin(ApiClient anonymous) {
        return anonymous.loggedInAs("admin", ADMIN_PASSWORD);
    }

    /** Opens the account unless it exists; its password is {@link #PASSWORD}. */
    public void open(String username, AccountKind kind, GlobalRole role) {
        ApiClient.Response created = admin.post("/api/users", json("username", username, "password", PASSWORD,
                "displayName", "Test account " + username, "kind", kind.name(), "role", role.name()));
        assertThat(created.status()).as(created.toString()).isIn(201, 409);
    }

    /** A client logged in as this account, opened first if need be. */
    public ApiClient as(String username, AccountKind kind, GlobalRole role) {
        return loggedIn.computeIfAbsent(username, key -> {
            open(username, kind, role);
            return admin.withToken(null).loggedInAs(username, PASSWORD);
        });
    }

    /** An agent account (kind AGENT, role AGENT) under its handle, such as {@code @coding-agent}. */
    public ApiClient agent(String handle) {
        return as(handle, AccountKind.AGENT, GlobalRole.AGENT);
    }

    /** A person with the given role, under a username no other test uses. */
    public ApiClient fresh(GlobalRole role) {
        return as(uniqueUsername(role.name().toLowerCase()), AccountKind.HUMAN, role);
    }

    public static String uniqueUsername(String prefix) {
        return prefix + "-" + Projects.uniqueKey().toLowerCase();
    }
}
