package io.taskledger.support;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * Base of every integration test: the whole server on a random port over the embedded PostgreSQL, called as the
 * bootstrap administrator unless a test logs in as another account. All subclasses
 * share one Spring context (and so one database), so they must not depend on an empty database: each test creates
 * its own project with a unique key.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
public abstract class IntegrationTest {

    @LocalServerPort
    private int port;

    @Autowired
    protected JdbcTemplate jdbc;

    /** Logged in as the bootstrap administrator (global ADMIN). */
    protected ApiClient api;
    /** Sends no credentials. */
    protected ApiClient anonymous;
    /** Opens accounts and logs them in. */
    protected Accounts accounts;

    @BeforeEach
    void connectApiClient() {
        anonymous = new ApiClient("http://127.0.0.1:" + port);
        api = Accounts.admin(anonymous);
        accounts = new Accounts(api);
    }
}
