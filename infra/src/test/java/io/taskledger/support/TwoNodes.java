package io.taskledger.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Two server nodes, each a JVM of its own (so that one can be killed), over one PostgreSQL that this test JVM runs:
 * the smallest cluster, with every role. The first node is started alone (it migrates the schema and opens the admin
 * account), then the second, alongside any further nodes with roles of their own ({@link #roleNodes}).
 */
public final class TwoNodes implements AutoCloseable {

    private final EmbeddedPostgres postgres;
    private final List<String> settings;
    private final Path logs;
    public final ServerChild first;
    public final ServerChild second;
    /** Further nodes, each with the {@code taskledger.node.roles} it was started with, in the order asked for. */
    public final List<ServerChild> roleNodes;
    /** The shared database, as the test sees it. */
    public final JdbcTemplate jdbc;

    private TwoNodes(EmbeddedPostgres postgres, List<String> settings, Path logs, ServerChild first,
                     ServerChild second, List<ServerChild> roleNodes) {
        this.postgres = postgres;
        this.settings = settings;
        this.logs = logs;
        this.first = first;
        this.second = second;
        this.roleNodes = roleNodes;
        this.jdbc = new JdbcTemplate(postgres.getPostgresDatabase());
    }

    /** @param extraSettings further {@code --name=value} arguments for both nodes */
    public static TwoNodes start(String name, List<String> extraSettings) throws Exception {
        return start(name, extraSettings, List.of());
    }

    /**
     * @param extraSettings further {@code --name=value} arguments for every node
     * @param roles         the {@code taskledger.node.roles} of each further node, e.g. {@code "query"}
     */
    public static TwoNodes start(String name, List<String> extraSettings, List<String> roles) throws Exception {
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
        List<CompletableFuture<ServerChild>> others = new ArrayList<>();
        try {
            others.add(CompletableFuture.completedFuture(ServerChild.start(logs.resolve("node-1.log"), settings)));
            others.add(starting(logs.resolve("node-2.log"), settings));
            for (String nodeRoles : roles) {
                List<String> withRoles = new ArrayList<>(settings);
                withRoles.add("--taskledger.node.roles=" + nodeRoles);
                others.add(starting(logs.resolve("node-" + nodeRoles.replace(',', '-') + ".log"), withRoles));
            }
            List<ServerChild> started = new ArrayList<>();
            for (CompletableFuture<ServerChild> node : others) {
                started.add(node.join());
            }
            return new TwoNodes(postgres, settings, logs, started.get(0), started.get(1),
                    List.copyOf(started.subList(2, started.size())));
        } catch (Exception | Error e) {
            for (CompletableFuture<ServerChild> node : others) {
                ServerChild child = node.exceptionally(failed -> null).join();
                if (child != null) {
                    child.close();
                }
            }
            postgres.close();
            if (e instanceof CompletionException && e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** Started on another thread: nodes over an already migrated database start side by side. */
    private static CompletableFuture<ServerChild> starting(Path log, List<String> settings) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return ServerChild.start(log, settings);
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        });
    }

    /** Another node over the same database, e.g. one that replaces a killed one. */
    public ServerChild startAnother(String logName) throws Exception {
        return ServerChild.start(logs.resolve(logName + ".log"), settings);
    }

    @Override
    public void close() throws Exception {
        try {
            for (ServerChild node : roleNodes) {
                node.close();
            }
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
