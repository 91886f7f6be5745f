package io.taskledger.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Two server nodes, each a JVM of its own (so that one can be killed), over one PostgreSQL that this test JVM runs:
 * the smallest cluster. The first node is started alone (it migrates the schema and opens the admin account), then
 * the second.
 */
public final class TwoNodes implements AutoCloseable {

    private final EmbeddedPostgres postgres;
    private final List<String> settings;
    private final Path logs;
    public final ServerChild first;
    public final ServerChild second;
    /** The shared database, as the test sees it. */
    public final JdbcTemplate jdbc;

    private TwoNodes(EmbeddedPostgres postgres, List<String> settings, Path logs, ServerChild first,
                     ServerChild second) {
        this.postgres = postgres;
        this.settings = settings;
        this.logs = logs;
        this.first = first;
        this.second = second;
        this.jdbc = new JdbcTemplate(postgres.getPostgresDatabase());
    }

    /** @param extraSettings further {@code --name=value} arguments for both nodes */
    public static TwoNodes start(String name, List<String> extraSettings) throws Exception {
        Path dataDir = Files.createTempDirectory("taskledger-" + name);
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir.resolve("postgres"))
                .setCleanDataDirectory(true)
                .setServerConfig("fsync", "off")
                .setServerConfig("synchronous_commit", "off")
                .setServerConfig("max_connections", "200")
                .start();
        List<String> settings = new ArrayList<>(List.of(
                "--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"),
                "--spring.datasource.username=postgres",
                "--taskledger.deadlines.polling-interval=PT0.5S"));
        settings.addAll(extraSettings);
        Path logs = Path.of("target", "child-servers", name);
        ServerChild first = null;
        try {
            first = ServerChild.start(logs.resolve("node-1.log"), settings);
            ServerChild second = ServerChild.start(logs.resolve("node-2.log"), settings);
            return new TwoNodes(postgres, settings, logs, first, second);
        } catch (Exception | Error e) {
            if (first != null) {
                first.close();
            }
            postgres.close();
            throw e;
        }
    }

    /** Another node over the same database, e.g. one that replaces a killed one. */
    public ServerChild startAnother(String logName) throws Exception {
        return ServerChild.start(logs.resolve(logName + ".log"), settings);
    }

    @Override
    public void close() throws Exception {
        try {
            first.close();
        } finally {
            try {
                second.close();
            } finally {
                postgres.close();
            }
        }
    }
}
