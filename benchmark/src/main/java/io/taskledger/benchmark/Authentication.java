package io.taskledger.benchmark;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * THE AUTHENTICATION STEP, in one place. Today's server has no accounts: every request goes without a token. Once
 * the identity issue lands (POST /api/auth/login, bearer tokens on every endpoint, an {@code admin} account whose
 * password is TASKLEDGER_ADMIN_PASSWORD), this logs in as admin, creates one AGENT account per project, makes it a
 * member of its project and sends each agent's own token with its requests, so authentication is on the measured path.
 *
 * <p>{@code --auth=auto} (default) asks the server: if {@code /api/auth/login} exists, authenticate; {@code on} and
 * {@code off} force the choice.
 */
final class Authentication {

    static final String AGENT_PASSWORD = "benchmark-agent-password";

    private final Http http;
    private final boolean enabled;
    private final String adminToken;
    private final Map<String, String> agentTokens = new ConcurrentHashMap<>();

    private Authentication(Http http, boolean enabled, String adminToken) {
        this.http = http;
        this.enabled = enabled;
        this.adminToken = adminToken;
    }

    static Authentication detect(Http http, Settings.AuthMode mode, String adminPassword) {
        if (mode == Settings.AuthMode.OFF) {
            return new Authentication(http, false, null);
        }
        HttpResponse<String> login = http.postAndWait("/api/auth/login",
                credentials("admin", adminPassword), null);
        boolean serverHasLogin = login.statusCode() != 404 && login.statusCode() != 405;
        if (!serverHasLogin) {
            if (mode == Settings.AuthMode.ON) {
                throw new IllegalStateException("--auth=on but the server has no /api/auth/login");
            }
            return new Authentication(http, false, null);
        }
        expectOk(login, "admin login");
        return new Authentication(http, true, Http.field(login.body(), "accessToken"));
    }

    boolean enabled() {
        return enabled;
    }

    /** The token for setting up projects, or null without authentication. */
    String adminToken() {
        return adminToken;
    }

    /** Creates the agent's account and makes it an AGENT member of the project; nothing without authentication. */
    void enrolAgent(String agent, String projectId) {
        if (!enabled) {
            return;
        }
        if (!agentTokens.containsKey(agent)) {
            expectOk(http.postAndWait("/api/users", "{\"username\":" + Http.quoted(agent)
                    + ",\"password\":" + Http.quoted(AGENT_PASSWORD) + ",\"displayName\":" + Http.quoted(agent)
                    + ",\"kind\":\"AGENT\",\"role\":\"AGENT\"}", adminToken), "create account " + agent);
            HttpResponse<String> login = http.postAndWait("/api/auth/login", credentials(agent, AGENT_PASSWORD), null);
            expectOk(login, "login of " + agent);
            agentTokens.put(agent, Http.field(login.body(), "accessToken"));
        }
        expectOk(http.postAndWait("/api/projects/" + projectId + "/members",
                "{\"username\":" + Http.quoted(agent) + ",\"role\":\"AGENT\"}", adminToken), "membership of " + agent);
    }

    /** The agent's bearer token, or null without authentication. */
    String tokenOf(String agent) {
        return enabled ? agentTokens.get(agent) : null;
    }

    private static String credentials(String username, String password) {
        return "{\"username\":" + Http.quoted(username) + ",\"password\":" + Http.quoted(password) + "}";
    }

    static void expectOk(HttpResponse<String> response, String what) {
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(what + " answered " + response.statusCode() + ": " + response.body());
        }
    }
}
