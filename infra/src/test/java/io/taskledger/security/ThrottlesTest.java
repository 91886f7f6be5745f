package io.taskledger.security;

import io.taskledger.api.access.AccountKind;
import io.taskledger.api.access.GlobalRole;
import io.taskledger.support.Accounts;
import io.taskledger.support.ApiClient;
import io.taskledger.support.ApiClient.Response;
import io.taskledger.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.taskledger.support.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Login throttles (per account, per client address) and the per-account request rate limit, with the small limits
 * of application-test.yml: 5 failures per account, 30 per address, a bucket of 200 requests refilled at 20/s.
 */
class ThrottlesTest extends IntegrationTest {

    @LocalServerPort
    private int port;

    @Test
    void failed_logins_lock_the_account_even_for_the_right_password_until_the_lockout_ends() {
        String username = Accounts.uniqueUsername("target");
        accounts.open(username, AccountKind.HUMAN, GlobalRole.VIEWER);
        for (int i = 0; i < 5; i++) {
            assertThat(login(username, "guess-number-" + i).status()).isEqualTo(401);
        }

        Response locked = login(username, Accounts.PASSWORD);

        assertThat(locked.status()).as(locked.toString()).isEqualTo(429);
        assertThat(locked.json().get("code").asText()).isEqualTo("RATE_LIMITED");
        assertThat(Long.parseLong(locked.header("Retry-After"))).isBetween(1L, 600L);
        assertThat(login(Accounts.uniqueUsername("bystander"), "whatever").status())
                .as("other accounts from the same address are not locked").isEqualTo(401);
    }

    @Test
    void failed_logins_from_one_address_lock_that_address_for_every_account() throws IOException {
        String address = "127.0.0.77";
        for (int i = 0; i < 30; i++) {
            assertThat(rawLogin(address, Accounts.uniqueUsername("spray"), "guess")).startsWith("HTTP/1.1 401");
        }

        String locked = rawLogin(address, "admin", Accounts.ADMIN_PASSWORD);

        assertThat(locked).startsWith("HTTP/1.1 429").containsIgnoringCase("Retry-After:");
        assertThat(login("admin", Accounts.ADMIN_PASSWORD).status()).as("other addresses may log in")
                .isEqualTo(200);
    }

    @Value("${taskledger.security.rate-limit.capacity}")
    private int rateLimitCapacity;

    @Test
    void an_account_sending_too_many_requests_is_told_when_to_come_back() throws Exception {
        ApiClient busy = accounts.fresh(GlobalRole.VIEWER);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Response>> responses = new ArrayList<>();
            for (int i = 0; i < rateLimitCapacity + 400; i++) {
                responses.add(pool.submit(() -> busy.get("/api/no-such-endpoint")));
            }
            List<Response> limited = new ArrayList<>();
            for (Future<Response> response : responses) {
                if (response.get().status() == 429) {
                    limited.add(response.get());
                }
            }

            assertThat(limited).isNotEmpty();
            assertThat(limited.get(0).json().get("code").asText()).isEqualTo("RATE_LIMITED");
            assertThat(Long.parseLong(limited.get(0).header("Retry-After"))).isPositive();
            assertThat(api.get("/api/projects").status()).as("other accounts are not limited").isEqualTo(200);
        } finally {
            pool.shutdownNow();
        }
    }

    private Response login(String username, String password) {
        return anonymous.post("/api/auth/login", json("username", username, "password", password));
    }

    /** A login sent from another loopback address (all of 127/8 is local), which Java's HttpClient cannot choose. */
    private String rawLogin(String fromAddress, String username, String password) throws IOException {
        String body = "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}";
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(fromAddress, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length
                    + "\r\nConnection: close\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
