package io.taskledger.benchmark;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Every knob of a run, from {@code --name=value} arguments; run.sh passes the database it started. */
record Settings(
        Path jar,
        Path workDir,
        String jdbcUrl,
        String dbUser,
        String dbPassword,
        int postgresPid,
        List<Integer> connections,
        Duration serverWarmup,
        double jitSettledPercent,
        Duration warmup,
        Duration duration,
        int projects,
        int subtasksPerProject,
        int referenceMaxConnections,
        Duration referenceDuration,
        long rebuildEvents,
        Duration rebuildTimeLimit,
        String serverHeap,
        List<String> serverJvmOptions,
        String adminPassword,
        AuthMode auth,
        int scaleoutConnections,
        int liveStreams,
        List<String> scenarios) {

    enum AuthMode { AUTO, ON, OFF }

    /** The scale-out scenario runs 1, 2, then this many nodes. */
    static final int MAX_SCALEOUT_NODES = 3;

    static Settings parse(String[] args) {
        Map<String, String> given = new HashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("arguments are --name=value, not " + arg);
            }
            given.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        Settings settings = new Settings(
                Path.of(take(given, "jar", "infra/target/taskledger/taskledger.jar")),
                Path.of(take(given, "work-dir", "benchmark/target/run")),
                take(given, "jdbc-url", null),
                take(given, "db-user", "postgres"),
                take(given, "db-password", ""),
                Integer.parseInt(take(given, "postgres-pid", "0")),
                integers(take(given, "connections", "1,16,256,1000")),
                // The most the server warm-up may take; it ends earlier once the JIT compiler has settled, which took
                // 111-132 s on 2 cores. 150 s keeps a run, build included, under 10 minutes.
                Duration.ofSeconds(Long.parseLong(take(given, "server-warmup-seconds", "150"))),
                Double.parseDouble(take(given, "jit-settled-percent", "5")),
                Duration.ofSeconds(Long.parseLong(take(given, "warmup-seconds", "2"))),
                Duration.ofSeconds(Long.parseLong(take(given, "seconds", "8"))),
                Integer.parseInt(take(given, "projects", "100")),
                Integer.parseInt(take(given, "subtasks-per-project", "200")),
                Integer.parseInt(take(given, "reference-max-connections", "64")),
                // Plain JDBC settles at once and varies little between runs; its shorter window pays for the warm-up.
                Duration.ofSeconds(Long.parseLong(take(given, "reference-seconds", "4"))),
                Long.parseLong(take(given, "rebuild-events", "1000000")),
                Duration.ofSeconds(Long.parseLong(take(given, "rebuild-time-limit-seconds", "120"))),
                take(given, "server-heap", "512m"),
                // e.g. --server-jvm-options=-XX:StartFlightRecording=filename=server.jfr,settings=profile
                List.of(take(given, "server-jvm-options", "").split(" ")).stream().filter(o -> !o.isBlank()).toList(),
                take(given, "admin-password", "benchmark-root-passphrase"),
                AuthMode.valueOf(take(given, "auth", "auto").toUpperCase()),
                Integer.parseInt(take(given, "scaleout-connections", "64")),
                Integer.parseInt(take(given, "live-streams", "1000")),
                List.of(take(given, "scenarios", "ceiling,commands,queries,revalidate,graphql,mixed,live,rebuild,coldstart").split(",")));
        if (!given.isEmpty()) {
            throw new IllegalArgumentException("unknown arguments: " + given.keySet());
        }
        if (settings.jdbcUrl == null) {
            throw new IllegalArgumentException("--jdbc-url is required (run.sh starts a PostgreSQL and passes it)");
        }
        return settings;
    }

    boolean runs(String scenario) {
        return scenarios.contains(scenario);
    }

    private static String take(Map<String, String> given, String name, String fallback) {
        String value = given.remove(name);
        return value != null ? value : fallback;
    }

    private static List<Integer> integers(String commaSeparated) {
        List<Integer> values = new ArrayList<>();
        for (String part : commaSeparated.split(",")) {
            values.add(Integer.parseInt(part.strip()));
        }
        return values;
    }
}
