package io.taskledger.benchmark;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;
import java.util.stream.Stream;

/**
 * Taskledger's benchmark: runs the scenarios of docs/benchmarks.md against the packaged server on the PostgreSQL that
 * run.sh started, measures the same work through plain JDBC on that PostgreSQL, and prints one table.
 */
public final class Benchmark {

    /** Below this the machine counts as at rest for a cold start; waited for at most {@link #QUIET_MACHINE_WAIT}. */
    private static final double QUIET_MACHINE_CPU_PERCENT = 15;
    private static final Duration QUIET_MACHINE_WAIT = Duration.ofSeconds(30);

    private final Settings settings;
    private final JdbcReference database;
    private final Report report = new Report();
    private final Path serverLog;
    private List<List<JdbcReference.EventRow>> commandRows;
    /** Reference measurements by scenario and the connections they used: see {@link #reference}. */
    private final Map<String, ClosedLoop.Result> references = new HashMap<>();
    private Authentication auth;
    /** The lightest authenticated request's throughput, by connections: what board reads are compared with. */
    private final Map<Integer, ClosedLoop.Result> ceilings = new HashMap<>();

    private Benchmark(Settings settings) {
        this.settings = settings;
        this.database = new JdbcReference(settings);
        this.serverLog = settings.workDir().resolve("server.log");
        report.referenceConnectionsAtMost(settings.referenceMaxConnections());
    }

    public static void main(String[] args) throws Exception {
        Settings settings = Settings.parse(args);
        Files.createDirectories(settings.workDir());
        new Benchmark(settings).run();
        // Daemon threads of the HTTP client may linger; the run is over.
        System.exit(0);
    }

    private void run() throws Exception {
        Instant startedAt = Instant.now();
        String loadBefore = loadAverage();
        if (settings.runs("ceiling") || settings.runs("commands") || settings.runs("queries")
                || settings.runs("revalidate") || settings.runs("graphql") || settings.runs("mixed")
                || settings.runs("live")) {
            underLoad();
        }
        if (settings.runs("scaleout")) {
            scaleOut();
        }
        if (settings.runs("rebuild")) {
            rebuild();
        }
        if (settings.runs("coldstart")) {
            coldStart();
        }
        String table = report.render();
        String context = "Run of " + startedAt + " to " + Instant.now() + " on " + Runtime.getRuntime()
                .availableProcessors() + " cores; load average before: " + loadBefore + ", after: " + loadAverage()
                + ".\nSettings: " + settings.connections() + " connections, " + settings.warmup().toSeconds()
                + " s warm-up + " + settings.duration().toSeconds() + " s per point, " + settings.projects()
                + " projects of " + settings.subtasksPerProject() + " subtasks, server -Xmx" + settings.serverHeap()
                + ", reference at most " + settings.referenceMaxConnections() + " connections and "
                + settings.referenceDuration().toSeconds() + " s per point.\n";
        Files.writeString(settings.workDir().resolve("results.md"), context + "\n" + table);
        System.out.println();
        System.out.println(context);
        System.out.println(table);
    }

    private Map<String, String> externalDatabase() {
        Map<String, String> environment = new HashMap<>();
        environment.put("SPRING_DATASOURCE_URL", settings.jdbcUrl());
        environment.put("SPRING_DATASOURCE_USERNAME", settings.dbUser());
        environment.put("SPRING_DATASOURCE_PASSWORD", settings.dbPassword());
        environment.put("TASKLEDGER_ADMIN_PASSWORD", settings.adminPassword());
        return environment;
    }

    private ServerProcess startServer(Map<String, String> environment, Path log) throws Exception {
        return ServerProcess.start(settings.jar(), settings.serverHeap(), settings.serverJvmOptions(), environment,
                log);
    }

    /** Scenarios 1-3 on one server, started once with the production settings and the run's heap. */
    private void underLoad() throws Exception {
        log("starting the server against the run's PostgreSQL");
        try (ServerProcess server = startServer(externalDatabase(), serverLog);
             Http http = new Http(server.port)) {
            log("server answered /health after " + server.startup.toMillis() + " ms");
            auth = Authentication.detect(http, settings.auth(), settings.adminPassword());
            report.note("authentication: " + (auth.enabled()
                    ? "on: admin login, one AGENT account per project, each agent's bearer token on its requests"
                    : "off: this server has no /api/auth/login, requests carry no token"));
            Fixture fixture = createFixture(server, http);
            warmUp(server.pid(), http, auth, fixture);
            database.createReferenceEventTable();
            if (settings.runs("ceiling")) {
                ceiling(server, http, auth, fixture);
            }
            if (settings.runs("commands")) {
                commands(server, http, auth, fixture);
            }
            if (settings.runs("queries")) {
                queries(server, http, auth, fixture);
            }
            if (settings.runs("revalidate")) {
                boardReadsAndRevalidations(server, http, auth, fixture);
            }
            if (settings.runs("graphql")) {
                graphQlBoards(server, http, auth, fixture);
            }
            if (settings.runs("mixed")) {
                mixed(server, http, auth, fixture);
            }
            if (settings.runs("live")) {
                live(server, http, auth, fixture);
            }
            if (fixture.remainingSubtasks() == 0) {
                report.note("the fixture ran out of subtasks: raise --projects or --subtasks-per-project");
            }
        }
    }

    private Fixture createFixture(ServerProcess server, Http http) throws Exception {
        log("creating " + settings.projects() + " projects of " + settings.subtasksPerProject() + " subtasks, "
                + Fixture.PROJECTS_AT_A_TIME + " at a time");
        Fixture fixture;
        ProcessStats.Usage usage;
        long started = System.nanoTime();
        try (ProcessStats stats = new ProcessStats(server.pid(), settings.postgresPid())) {
            fixture = Fixture.create(http, auth, settings.projects(), settings.subtasksPerProject());
            usage = stats.finish();
        }
        awaitBoard();
        String created = Report.format("data: %d projects of %d subtasks created through the API in %.0f s, %d at a "
                        + "time (server CPU %.0f %%, PostgreSQL CPU %.0f %%, machine CPU %.0f %%)", settings.projects(),
                settings.subtasksPerProject(), (System.nanoTime() - started) / 1e9, Fixture.PROJECTS_AT_A_TIME,
                usage.serverCpuPercent(), usage.postgresCpuPercent(), usage.machineCpuPercent());
        log(created);
        report.note(created);
        return fixture;
    }

    /** The server warm-up's traffic runs in rounds of this length; the compiler is judged over the last one. */
    private static final Duration WARMUP_ROUND = Duration.ofSeconds(10);
    private static final Duration WARMUP_MINIMUM = Duration.ofSeconds(30);
    private static final int WARMUP_CONNECTIONS = 4;
    private static final String WARMUP_ROUNDS = "10 s rounds at " + WARMUP_CONNECTIONS + ", " + WARMUP_CONNECTIONS
            + ", 256, " + WARMUP_CONNECTIONS + ", " + WARMUP_CONNECTIONS + ", 256... connections";

    /**
     * Unmeasured mixed traffic before the first measured point, until the JIT compiler has settled: a freshly started
     * JVM spends minutes compiling Spring's, Hibernate's, Axon's and Tomcat's hot paths, which a server running for
     * hours has long done; without this the points measure the compiler as well. Rounds of 10 s at 4, 4, 256, 4, 4,
     * 256... connections (256 so the paths of a full request queue compile too; mostly 4, which leaves the compiler
     * about half a core where 16 connections left it a quarter: it settled in 111-132 s instead of ~190 s), until the
     * server's compiler threads used less than {@code --jit-settled-percent} of a core over the last round, but at
     * least 30 s and at most {@code --server-warmup-seconds}. The warm-up starts at most a third of the fixture's
     * subtasks, so the measured scenarios have work left in every project; beyond that its traffic is reads.
     */
    private void warmUp(long serverPid, Http http, Authentication auth, Fixture fixture) throws Exception {
        Duration maximum = settings.serverWarmup();
        if (maximum.isZero()) {
            report.note("server warm-up: none (--server-warmup-seconds=0): the first points measure the JIT compiler "
                    + "too");
            return;
        }
        long maximumRounds = (maximum.toMillis() + WARMUP_ROUND.toMillis() - 1) / WARMUP_ROUND.toMillis();
        long minimumRounds = Math.min(maximumRounds, WARMUP_MINIMUM.toMillis() / WARMUP_ROUND.toMillis());
        log("warming the server up with mixed traffic, not measured, until the JIT compiler threads use less than "
                + Report.format("%.0f %%", settings.jitSettledPercent()) + " of a core over 10 s (at least "
                + WARMUP_MINIMUM.toSeconds() + " s, at most " + maximum.toSeconds() + " s)");
        AtomicInteger startsLeft = new AtomicInteger(fixture.remainingSubtasks() / 3);
        long started = System.nanoTime();
        double jitPercent = Double.NaN;
        long errors = 0;
        long round = 0;
        boolean settled = false;
        while (round < maximumRounds && !settled) {
            Duration length = Duration.ofMillis(Math.min(WARMUP_ROUND.toMillis(),
                    maximum.toMillis() - round * WARMUP_ROUND.toMillis()));
            int connections = round % 3 == 2 ? 256 : WARMUP_CONNECTIONS;
            ProcessStats.JitCompiler compiler = ProcessStats.JitCompiler.of(serverPid);
            ClosedLoop.Result result = ClosedLoop.run(connections, Duration.ZERO, length, i ->
                    new TaskledgerClients.Mixed(
                            new TaskledgerClients.Commands(http, auth, fixture, i, new AtomicReference<>(), startsLeft),
                            new TaskledgerClients.Queries(http, auth, fixture)));
            jitPercent = compiler.cpuPercentSince();
            errors += result.errors();
            round++;
            settled = round >= minimumRounds && jitPercent < settings.jitSettledPercent();
            log(Report.format("warm-up: %.0f s, a round at %d connections: %.0f/s, %d errors; JIT compiler threads "
                    + "%.1f %% of a core", (System.nanoTime() - started) / 1e9, connections, result.throughput(),
                    result.errors(), jitPercent));
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        awaitBoard();
        String note = settled
                ? Report.format("server warm-up: %.0f s of mixed traffic (" + WARMUP_ROUNDS + "), until the JIT "
                        + "compiler threads used %.1f %% of a core over the last 10 s (settled: below %.0f %%; at "
                        + "least %d s, at most %d s)", seconds, jitPercent,
                settings.jitSettledPercent(), WARMUP_MINIMUM.toSeconds(), maximum.toSeconds())
                : Report.format("server warm-up: %.0f s of mixed traffic (" + WARMUP_ROUNDS + "): the maximum "
                        + "(--server-warmup-seconds=%d) was reached and the JIT compiler had NOT settled: its threads "
                        + "still used %.1f %% of a core over the last round (threshold %.0f %%); the first points may "
                        + "measure it too (see JIT CPU %%)", seconds,
                maximum.toSeconds(), jitPercent, settings.jitSettledPercent());
        if (startsLeft.get() <= 0) {
            note += "; it used up its third of the fixture's subtasks and was reads only from then on";
        }
        if (errors > 0) {
            note += "; " + errors + " errors during the warm-up";
        }
        log(note);
        report.note(note);
    }

    /** The server's request threads ({@code server.tomcat.threads.max} in its application.yml). */
    private static final int SERVER_REQUEST_THREADS = 32;

    /**
     * Scenario 0, ceilings at the run's connection counts above the server's 32 request threads (with fewer, not
     * every thread is busy and the figure is below the ceiling: 1,169-1,643 per s at 16 connections against
     * 1,735-2,426 at 256; leaving them out keeps the whole run under 10 minutes): (a)
     * {@code GET /api/users/me} with the agent's token, the lightest authenticated request through the whole server
     * (HTTP, security with the JWT, query bus, one primary-key read, JSON), next to the same primary-key select over
     * plain JDBC; (b) a no-op HTTP server inside this process, answering 204, driven by the same client: what the
     * load generator and loopback carry on this machine when the server costs nothing.
     */
    private void ceiling(ServerProcess server, Http http, Authentication auth, Fixture fixture) throws Exception {
        List<Integer> loads = settings.connections().stream()
                .filter(connections -> connections > SERVER_REQUEST_THREADS).toList();
        if (auth.enabled()) {
            Map<Integer, Measured> taskledger = new LinkedHashMap<>();
            for (int connections : loads) {
                taskledger.put(connections, measure(server, http, fixture, "ceiling /api/users/me", connections,
                        false, (i, lastCommit) -> new TaskledgerClients.Me(http, auth, fixture, i)));
            }
            for (Map.Entry<Integer, Measured> point : taskledger.entrySet()) {
                ClosedLoop.Result reference = reference("ceiling /api/users/me", point.getKey(),
                        JdbcReference.accountReads(fixture));
                ceilings.put(point.getKey(), point.getValue().result);
                report.load("0 ceiling: GET /api/users/me", point.getKey(), point.getValue().result, reference,
                        point.getValue().usage, null, "none: the lightest authenticated request");
            }
        } else {
            report.note("0 ceiling: GET /api/users/me not measured: without authentication there is no caller");
        }
        try (NoopHttpServer noop = new NoopHttpServer(); Http client = new Http(noop.port())) {
            for (int connections : loads) {
                log("ceiling: no-op HTTP server with " + connections + " connections");
                ClosedLoop.Result result;
                ProcessStats.Usage usage;
                try (ProcessStats stats = new ProcessStats(ProcessHandle.current().pid(), 0)) {
                    result = ClosedLoop.run(connections, settings.warmup(), settings.duration(),
                            i -> new TaskledgerClients.Noop(client));
                    usage = stats.finish();
                }
                log("ceiling no-op: " + Report.format("%.0f/s, mean %.1f ms, errors %d", result.throughput(),
                        result.latency().mean(), result.errors()));
                report.withoutServer("0 ceiling: no-op HTTP server (204) in the load generator", connections, result,
                        usage.machineCpuPercent(), Report.format("none: the load generator's and loopback's ceiling "
                                + "(load generator's JVM, no-op server included: %.0f %% CPU)",
                                usage.serverCpuPercent()));
            }
        }
    }

    private void commands(ServerProcess server, Http http, Authentication auth, Fixture fixture) throws Exception {
        long head = database.eventStoreHead();
        Map<Integer, Measured> taskledger = new LinkedHashMap<>();
        for (int connections : settings.connections()) {
            log("commands: the fixture has " + fixture.remainingSubtasks() + " subtasks nobody took, in "
                    + fixture.projectsWithWorkLeft().size() + " of its " + fixture.projects.size() + " projects");
            taskledger.put(connections, measure(server, http, fixture, "commands", connections, true,
                    (i, lastCommit) -> new TaskledgerClients.Commands(http, auth, fixture, i, lastCommit)));
        }
        commandRows = database.commandsAfter(head);
        log("reference: " + commandRows.size() + " commands' event rows, "
                + commandRows.stream().mapToInt(List::size).sum() + " rows");
        double at256 = taskledger.containsKey(256) ? taskledger.get(256).result.throughput() : Double.NaN;
        for (Map.Entry<Integer, Measured> point : taskledger.entrySet()) {
            int connections = point.getKey();
            ClosedLoop.Result reference = reference("commands", connections,
                    JdbcReference.appendCommands(commandRows));
            Measured measured = point.getValue();
            String goal;
            if (connections == 16 || connections == 256) {
                goal = "≥ 0.50 of reference: " + Report.verdict(Report.ratio(measured.result, reference) >= 0.5);
            } else if (connections == 1000) {
                goal = "no errors/timeouts, ≥ N=256 throughput: " + (Double.isNaN(at256)
                        ? "not judged (N=256 not run)"
                        : Report.verdict(measured.result.errors() == 0 && measured.result.throughput() >= at256));
            } else {
                goal = "no errors: " + Report.verdict(measured.result.errors() == 0);
            }
            goal += "; lag p99 < 100 ms: " + lagVerdict(measured.lag);
            report.load("1 commands", connections, measured.result, reference, measured.usage, measured.lag, goal);
        }
    }

    private void queries(ServerProcess server, Http http, Authentication auth, Fixture fixture) throws Exception {
        Map<Integer, Measured> taskledger = new LinkedHashMap<>();
        for (int connections : settings.connections()) {
            taskledger.put(connections, measure(server, http, fixture, "queries", connections, false,
                    (i, lastCommit) -> new TaskledgerClients.Queries(http, auth, fixture)));
        }
        for (Map.Entry<Integer, Measured> point : taskledger.entrySet()) {
            int connections = point.getKey();
            ClosedLoop.Result reference = reference("queries", connections, JdbcReference.boardReads(fixture));
            ClosedLoop.Result result = point.getValue().result;
            String goal = "≥ 0.50 of reference: " + Report.verdict(Report.ratio(result, reference) >= 0.5);
            if (connections == 1000) {
                goal += "; no errors, mean < 200 ms: " + Report.verdict(result.errors() == 0
                        && result.latency().mean() < 200);
            }
            report.load("2 queries", connections, result, reference, point.getValue().usage, null, goal);
        }
    }

    /**
     * Scenario 2b: board reads (a project's task list and one task's detail, half each) against the lightest
     * authenticated request measured in the same run, and the same reads revalidated with {@code If-None-Match} (304
     * while nothing changes; no commands run meanwhile) against the full reads.
     */
    private void boardReadsAndRevalidations(ServerProcess server, Http http, Authentication auth, Fixture fixture)
            throws Exception {
        Map<Integer, Measured> full = new LinkedHashMap<>();
        Map<Integer, Measured> revalidated = new LinkedHashMap<>();
        for (int connections : settings.connections()) {
            full.put(connections, measure(server, http, fixture, "board reads", connections, false,
                    (i, lastCommit) -> new TaskledgerClients.BoardReads(http, auth, fixture, null)));
            Map<String, String> tags = new ConcurrentHashMap<>();
            revalidated.put(connections, measure(server, http, fixture, "revalidations", connections, false,
                    (i, lastCommit) -> new TaskledgerClients.BoardReads(http, auth, fixture, tags)));
        }
        for (int connections : settings.connections()) {
            ClosedLoop.Result reference = reference("queries", connections, JdbcReference.boardReads(fixture));
            ClosedLoop.Result reads = full.get(connections).result;
            ClosedLoop.Result ceilingThen = ceilings.get(connections);
            String goal = ceilingThen == null ? "≥ 0.9 of the ceiling: not measured at this count (ceilings run above "
                    + SERVER_REQUEST_THREADS + " connections)"
                    : Report.format("≥ 0.9 of the ceiling: %.2f ", reads.throughput() / ceilingThen.throughput())
                    + Report.verdict(reads.throughput() >= 0.9 * ceilingThen.throughput());
            report.load("2b board reads (list, task)", connections, reads, reference, full.get(connections).usage,
                    null, goal);
            ClosedLoop.Result revalidations = revalidated.get(connections).result;
            report.load("2c revalidations (304)", connections, revalidations, reference,
                    revalidated.get(connections).usage, null,
                    Report.format("≥ 1.5 x full board reads: %.2f ", revalidations.throughput() / reads.throughput())
                            + Report.verdict(revalidations.throughput() >= 1.5 * reads.throughput()));
        }
    }

    /**
     * Scenario 2d: a project's whole board over GraphQL (the project and every task field REST answers) against the
     * same board read over REST, point by point, in the same run; no commands run meanwhile.
     */
    private void graphQlBoards(ServerProcess server, Http http, Authentication auth, Fixture fixture)
            throws Exception {
        // The server warm-up's mixed traffic sends no GraphQL: unwarmed, the first points would time the JIT compiler.
        log("GraphQL boards: 20 s unmeasured, for the JIT compiler");
        ClosedLoop.run(WARMUP_CONNECTIONS, Duration.ZERO, Duration.ofSeconds(20),
                i -> new TaskledgerClients.WholeBoards(http, auth, fixture, true));
        for (int connections : settings.connections()) {
            Measured rest = measure(server, http, fixture, "REST boards", connections, false,
                    (i, lastCommit) -> new TaskledgerClients.WholeBoards(http, auth, fixture, false));
            Measured graphQl = measure(server, http, fixture, "GraphQL boards", connections, false,
                    (i, lastCommit) -> new TaskledgerClients.WholeBoards(http, auth, fixture, true));
            ClosedLoop.Result reference = reference("queries", connections, JdbcReference.boardReads(fixture));
            double ratio = graphQl.result.throughput() / rest.result.throughput();
            report.load("2d REST boards", connections, rest.result, reference, rest.usage, null, "");
            report.load("2d GraphQL boards", connections, graphQl.result, reference, graphQl.usage, null,
                    Report.format("≥ 0.8 of REST boards: %.2f ", ratio) + Report.verdict(ratio >= 0.8));
        }
    }

    private static final int LIVE_COMMAND_CONNECTIONS = 16;

    /**
     * Scenario 7, live streams: agents' commands at 16 connections, first without streams, then with
     * {@code --live-streams} project streams open, spread over the fixture's projects (each as its project's agent).
     * Afterwards every stream must have received every change of its project once, in version order, from where it
     * started up to the newest version the commands reached; each change a command answered is timed from the
     * command's answer to its arrival on every stream of its project.
     */
    private void live(ServerProcess server, Http http, Authentication auth, Fixture fixture) throws Exception {
        int connections = LIVE_COMMAND_CONNECTIONS;
        long head = database.eventStoreHead();
        Measured without = measure(server, http, fixture, "commands without streams", connections, false,
                (i, lastCommit) -> new TaskledgerClients.Commands(http, auth, fixture, i, lastCommit));
        if (commandRows == null) {
            commandRows = database.commandsAfter(head);
        }
        List<TaskledgerClients.Commit> commits = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        Measured with;
        Latencies delivery = new Latencies();
        long streamsWrong = 0;
        long notStarted;
        List<String> wrong = new java.util.ArrayList<>();
        log("live: opening " + settings.liveStreams() + " streams");
        try (LiveStreams live = new LiveStreams(server.port, auth, fixture, settings.liveStreams())) {
            notStarted = live.awaitStarted(Duration.ofSeconds(60));
            // Unmeasured, as the server warm-up opened no stream: the streams' paths compiled before the point.
            log("live: 10 s of commands with the streams open, unmeasured, for the JIT compiler");
            ClosedLoop.run(connections, Duration.ZERO, Duration.ofSeconds(10),
                    i -> new TaskledgerClients.Commands(http, auth, fixture, i, new AtomicReference<>()));
            with = measure(server, http, fixture, "commands with " + settings.liveStreams() + " streams open",
                    connections, false, (i, lastCommit) -> new TaskledgerClients.Commands(http, auth, fixture, i,
                            lastCommit, null, commits::add));
            Map<String, Long> newest = new HashMap<>();
            synchronized (commits) {
                commits.forEach(commit -> newest.merge(commit.projectId(), commit.version(), Math::max));
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline && live.streams.stream().anyMatch(stream -> stream.ended == null
                    && lastOf(stream.received(), stream.startedAfter) < newest.getOrDefault(stream.projectId, 0L))) {
                Thread.sleep(100);
            }
            for (LiveStreams.Stream stream : live.streams) {
                List<Long> received = stream.received();
                long expected = stream.startedAfter + 1;
                String problem = null;
                for (long version : received) {
                    if (version != expected) {
                        problem = "expected version " + expected + ", received " + version;
                        break;
                    }
                    expected++;
                }
                long reached = lastOf(received, stream.startedAfter);
                if (problem == null && reached < newest.getOrDefault(stream.projectId, Long.MIN_VALUE)) {
                    problem = "reached version " + reached + " of " + newest.get(stream.projectId)
                            + (stream.ended == null ? "" : " (ended: " + stream.ended + ")");
                }
                if (problem != null) {
                    streamsWrong++;
                    if (wrong.size() < 3) {
                        wrong.add("stream of " + stream.projectId + ": " + problem);
                    }
                }
            }
            synchronized (commits) {
                for (TaskledgerClients.Commit commit : commits) {
                    for (LiveStreams.Stream stream : live.streams) {
                        Long arrived = stream.projectId.equals(commit.projectId())
                                ? stream.arrivedAtNanos.get(commit.version()) : null;
                        if (arrived != null) {
                            delivery.add(Math.max(0, arrived - commit.answeredAtNanos()));
                        }
                    }
                }
            }
            wrong.addAll(live.refusals.stream().limit(3).toList());
        }
        Latencies.Summary deliveries = Latencies.summarize(List.of(delivery));
        boolean outOfMemory = Files.readString(serverLog).contains("OutOfMemoryError");
        double ratio = with.result.throughput() / without.result.throughput();
        ClosedLoop.Result reference = reference("commands", connections,
                JdbcReference.appendCommands(commandRows));
        report.load("7 commands, no streams", connections, without.result, reference, without.usage, null, "");
        report.load("7 commands, " + settings.liveStreams() + " streams", connections, with.result, reference,
                with.usage, deliveries, Report.format("every change once, in order: %d of %d streams wrong ",
                        streamsWrong + notStarted, settings.liveStreams())
                        + Report.verdict(streamsWrong + notStarted == 0)
                        + "; delivery p99 < 100 ms: " + lagVerdict(deliveries)
                        + "; heap within -Xmx" + settings.serverHeap() + ": "
                        + Report.verdict(with.serverAlive && !outOfMemory)
                        + Report.format("; ≥ 0.8 of commands without streams: %.2f ", ratio)
                        + Report.verdict(ratio >= 0.8));
        report.note("live: " + deliveries.count() + " deliveries timed (command answered to change received, the "
                + Report.format("table's lag columns; mean %.1f ms, p50 %.1f ms, p99 %.1f ms, max %.1f ms); ",
                deliveries.mean(), deliveries.p50(), deliveries.p99(), deliveries.max()) + notStarted + " streams did not start"
                + (wrong.isEmpty() ? "" : "; e.g. " + String.join("; ", wrong)));
    }

    private static long lastOf(List<Long> versions, long otherwise) {
        return versions.isEmpty() ? otherwise : versions.get(versions.size() - 1);
    }

    private void mixed(ServerProcess server, Http http, Authentication auth, Fixture fixture) throws Exception {
        long head = database.eventStoreHead();
        Map<Integer, Measured> taskledger = new LinkedHashMap<>();
        for (int connections : settings.connections()) {
            taskledger.put(connections, measure(server, http, fixture, "mixed", connections, true,
                    (i, lastCommit) -> new TaskledgerClients.Mixed(
                            new TaskledgerClients.Commands(http, auth, fixture, i, lastCommit),
                            new TaskledgerClients.Queries(http, auth, fixture))));
        }
        if (commandRows == null) {
            commandRows = database.commandsAfter(head);
        }
        for (Map.Entry<Integer, Measured> point : taskledger.entrySet()) {
            int connections = point.getKey();
            ClosedLoop.Result reference = reference("mixed", connections, JdbcReference.mixed(
                    JdbcReference.boardReads(fixture), JdbcReference.appendCommands(commandRows)));
            Measured measured = point.getValue();
            String goal = "runs in -Xmx" + settings.serverHeap() + " without errors: "
                    + Report.verdict(measured.result.errors() == 0 && measured.serverAlive)
                    + "; lag p99 < 100 ms: " + lagVerdict(measured.lag);
            report.load("3 mixed 80/20", connections, measured.result, reference, measured.usage, measured.lag, goal);
        }
    }

    private static String lagVerdict(Latencies.Summary lag) {
        return lag.count() == 0
                ? "**MISSED** (no command confirmed: nothing to measure)"
                : Report.verdict(lag.p99() < 100);
    }

    private record Measured(ClosedLoop.Result result, ProcessStats.Usage usage, Latencies.Summary lag,
                            boolean serverAlive) {
    }

    private interface ClientFactory {
        ClosedLoop.Client create(int connection, AtomicReference<TaskledgerClients.Commit> lastCommit);
    }

    private Measured measure(ServerProcess server, Http http, Fixture fixture, String scenario, int connections,
                             boolean probeLag, ClientFactory clients) throws Exception {
        settle(http, fixture);
        log(scenario + ": Taskledger with " + connections + " connections");
        AtomicReference<TaskledgerClients.Commit> lastCommit = new AtomicReference<>();
        ClosedLoop.Result result;
        ProcessStats.Usage usage;
        Latencies.Summary lag = null;
        try (LagProbe probe = probeLag ? new LagProbe(settings, lastCommit) : null;
             ProcessStats stats = new ProcessStats(server.pid(), settings.postgresPid())) {
            IntFunction<ClosedLoop.Client> factory = i -> clients.create(i, lastCommit);
            result = ClosedLoop.run(connections, settings.warmup(), settings.duration(), factory);
            usage = stats.finish();
            if (probe != null) {
                lag = probe.finish();
            }
        }
        log(scenario + ": " + Report.format("%.0f/s, mean %.1f ms, errors %d", result.throughput(),
                result.latency().mean(), result.errors()) + (lag == null ? "" : ", lag p99 " + lag.p99() + " ms"));
        awaitBoard();   // the next point starts with the board caught up
        return new Measured(result, usage, lag, server.isAlive());
    }

    /**
     * Requests a client gave up on may still be queued in the server; the next point starts only once a board read
     * answers within a second again (at most a minute), so one overloaded point does not spill into the next.
     */
    private void settle(Http http, Fixture fixture) throws InterruptedException {
        Fixture.Project probe = fixture.projects.get(0);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            long sentAt = System.nanoTime();
            try {
                int status = http.getAndWait("/api/projects/" + probe.id() + TaskledgerClients.WHOLE_BOARD,
                        auth.tokenOf(probe.agent())).statusCode();
                if (status == 200 && System.nanoTime() - sentAt < 1_000_000_000L) {
                    return;
                }
            } catch (RuntimeException stillBusy) {
                // timed out: try again
            }
            Thread.sleep(500);
        }
        log("the server did not settle within 60 s; measuring the next point anyway");
    }

    /**
     * The plain-JDBC reference of a scenario at N connections. It runs min(N, --reference-max-connections)
     * connections, so several N can ask for the very same measurement (256 and 1000 both run 64): it is taken once per
     * scenario and connection count and shown in each of their rows.
     */
    private ClosedLoop.Result reference(String scenario, int connections, JdbcReference.Work work) throws Exception {
        int used = Math.min(connections, settings.referenceMaxConnections());
        ClosedLoop.Result measured = references.get(scenario + "@" + used);
        if (measured != null) {
            log(scenario + ": plain JDBC reference with " + used + " connections: measured already");
            return measured;
        }
        log(scenario + ": plain JDBC reference with " + used + " connections");
        ClosedLoop.Result result = database.run(connections, settings.warmup(), settings.referenceDuration(), work);
        log(scenario + " reference: " + Report.format("%.0f/s", result.throughput()));
        references.put(scenario + "@" + used, result);
        return result;
    }

    private void awaitBoard() throws Exception {
        Rebuild.Result caughtUp = new Rebuild(database).awaitCatchUp(Duration.ofSeconds(120));
        if (!caughtUp.finished()) {
            throw new IllegalStateException("the board did not catch up with the event store within 120 s");
        }
    }

    /**
     * Scenario 6, scale-out: the same commands and board reads through HAProxy in front of 1, 2 and 3 nodes over the
     * run's PostgreSQL (cluster/cluster.sh's configuration, loopback only), at {@code --scaleout-connections}, against
     * the plain-JDBC reference of the same work. On one machine the nodes share its cores, so more nodes cannot be
     * faster: what it measures is the cost of several nodes (each command takes its project's turn for the cluster,
     * a node's cached project is read again when another node moved it on, the processors' segments are spread), as
     * the ratio to one node, and where the time goes: CPU per request in the nodes and in PostgreSQL, and how many of
     * PostgreSQL's backends wait for a project's turn. Nodes are added one at a time, each warmed up like the single
     * server, so every point measures compiled code.
     */
    private void scaleOut() throws Exception {
        Map<String, String> environment = externalDatabase();
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        environment.put("TASKLEDGER_JWT_SECRET", java.util.Base64.getEncoder().encodeToString(key));
        environment.put("SERVER_FORWARD_HEADERS_STRATEGY", "native");
        int connections = settings.scaleoutConnections();
        Map<Integer, Measured> commands = new LinkedHashMap<>();
        Map<Integer, Measured> reads = new LinkedHashMap<>();
        Map<Integer, LockWaits.Summary> commandLocks = new HashMap<>();
        Map<Integer, LockWaits.Summary> readLocks = new HashMap<>();
        List<List<JdbcReference.EventRow>> scaleOutRows = null;
        Fixture fixture = null;
        try (Cluster cluster = new Cluster(settings, environment)) {
            for (int nodes = 1; nodes <= Settings.MAX_SCALEOUT_NODES; nodes++) {
                log("scale-out: starting node " + nodes);
                ServerProcess added = cluster.addNode();
                try (Http http = new Http(cluster.balancerPort)) {
                    if (fixture == null) {
                        auth = Authentication.detect(http, settings.auth(), settings.adminPassword());
                        fixture = createFixture(added, http);
                        database.createReferenceEventTable();
                    }
                    warmUp(added.pid(), http, auth, fixture);
                    Fixture work = fixture;
                    long head = database.eventStoreHead();
                    LockWaits.Summary[] locks = new LockWaits.Summary[1];
                    String count = nodes + (nodes == 1 ? " node" : " nodes");
                    commands.put(nodes, measureCluster(cluster, http, work, "scale-out commands, " + count,
                            connections, true, locks, (i, lastCommit) -> new TaskledgerClients.Commands(
                            http, auth, work, i, lastCommit)));
                    commandLocks.put(nodes, locks[0]);
                    if (scaleOutRows == null) {
                        scaleOutRows = database.commandsAfter(head);
                    }
                    reads.put(nodes, measureCluster(cluster, http, work, "scale-out board reads, " + count,
                            connections, false, locks, (i, lastCommit) -> new TaskledgerClients.BoardReads(http, auth,
                            work, null)));
                    readLocks.put(nodes, locks[0]);
                }
            }
        }
        ClosedLoop.Result commandReference = reference("scale-out commands", connections,
                JdbcReference.appendCommands(scaleOutRows));
        ClosedLoop.Result readReference = reference("scale-out board reads", connections,
                JdbcReference.boardReads(fixture));
        reportScaleOut("commands", commands, commandLocks, commandReference, connections);
        reportScaleOut("board reads", reads, readLocks, readReference, connections);
        if (fixture.remainingSubtasks() == 0) {
            report.note("scale-out: the fixture ran out of subtasks: raise --projects or --subtasks-per-project");
        }
    }

    private void reportScaleOut(String work, Map<Integer, Measured> byNodes, Map<Integer, LockWaits.Summary> locks,
                                ClosedLoop.Result reference, int connections) {
        ClosedLoop.Result oneNode = byNodes.get(1).result;
        for (Map.Entry<Integer, Measured> point : byNodes.entrySet()) {
            int nodes = point.getKey();
            Measured measured = point.getValue();
            double ofOneNode = measured.result.throughput() / oneNode.throughput();
            String goal = nodes == 1 ? "the baseline of the nodes' ratio"
                    : nodes == 2 ? Report.format("≥ 0.85 of 1 node, no errors: %.2f ", ofOneNode)
                    + Report.verdict(ofOneNode >= 0.85 && measured.result.errors() == 0 && measured.serverAlive)
                    : Report.format("%.2f of 1 node (not a goal)", ofOneNode);
            report.load("6 scale-out: " + work + ", " + nodes + (nodes == 1 ? " node" : " nodes"), connections,
                    measured.result, reference, measured.usage, measured.lag, goal);
            double throughput = measured.result.throughput();
            report.note(Report.format("6 scale-out: %s, %d node%s: CPU per request %.2f ms in the nodes together, "
                            + "%.2f ms in PostgreSQL; ", work, nodes, nodes == 1 ? "" : "s",
                    measured.usage.serverCpuPercent() * 10 / throughput,
                    measured.usage.postgresCpuPercent() * 10 / throughput) + locks.get(nodes).describe());
        }
    }

    /**
     * A point through the cluster: like {@link #measure}, with the CPU of every node (added up; peak RSS is the
     * nodes' together) and PostgreSQL's lock waits.
     */
    private Measured measureCluster(Cluster cluster, Http http, Fixture fixture, String scenario, int connections,
                                    boolean probeLag, LockWaits.Summary[] locks, ClientFactory clients)
            throws Exception {
        settle(http, fixture);
        log(scenario + ": with " + connections + " connections");
        AtomicReference<TaskledgerClients.Commit> lastCommit = new AtomicReference<>();
        List<ServerProcess> nodes = cluster.nodes();
        List<ProcessStats> stats = new java.util.ArrayList<>();
        ClosedLoop.Result result;
        Latencies.Summary lag = null;
        try (LagProbe probe = probeLag ? new LagProbe(settings, lastCommit) : null;
             LockWaits waits = new LockWaits(database)) {
            for (int i = 0; i < nodes.size(); i++) {
                stats.add(new ProcessStats(nodes.get(i).pid(), i == 0 ? settings.postgresPid() : 0));
            }
            try {
                result = ClosedLoop.run(connections, settings.warmup(), settings.duration(),
                        i -> clients.create(i, lastCommit));
            } finally {
                locks[0] = waits.finish();
            }
            if (probe != null) {
                lag = probe.finish();
            }
        }
        ProcessStats.Usage together = null;
        for (ProcessStats node : stats) {
            ProcessStats.Usage usage = node.finish();
            together = together == null ? usage : new ProcessStats.Usage(
                    together.serverPeakRssMb() + usage.serverPeakRssMb(),
                    together.serverCpuPercent() + usage.serverCpuPercent(),
                    together.jitCpuPercent() + usage.jitCpuPercent(), together.postgresCpuPercent(),
                    together.machineCpuPercent());
            node.close();
        }
        log(scenario + ": " + Report.format("%.0f/s, mean %.1f ms, errors %d", result.throughput(),
                result.latency().mean(), result.errors()) + "; " + locks[0].describe());
        awaitBoard();
        return new Measured(result, together, lag, nodes.stream().allMatch(ServerProcess::isAlive));
    }

    /** Scenario 4. Runs after the load scenarios: their projects are what gets copied up to the target count. */
    /**
     * Scenario 4: the operator's rebuild, {@code POST /api/admin/projections/task-board/rebuild}, timed from the
     * request until the projection is no longer REBUILDING, on an event store grown to the target count (copies of
     * the run's project streams, each with its project row but no other board row). The rebuild replays every event
     * of every project and writes the copies' rows while the server keeps serving.
     */
    private void rebuild() throws Exception {
        Rebuild rebuild = new Rebuild(database);
        log("rebuild: growing the event store to " + settings.rebuildEvents() + " events");
        long events = rebuild.growEventStoreTo(settings.rebuildEvents());
        rebuild.copyBoardAndSkipToHead();
        log("rebuild: " + events + " events, the board knowing every project but no other row of the copies;"
                + " starting the server");
        try (ServerProcess server = startServer(externalDatabase(), serverLog);
             Http http = new Http(server.port);
             ProcessStats stats = new ProcessStats(server.pid(), settings.postgresPid())) {
            String admin = Authentication.detect(http, settings.auth(), settings.adminPassword()).adminToken();
            long started = System.nanoTime();
            HttpResponse<String> accepted = http.postAndWait("/api/admin/projections/task-board/rebuild", "", admin);
            if (accepted.statusCode() != 202) {
                throw new IllegalStateException("rebuild refused: " + accepted.statusCode() + " " + accepted.body());
            }
            long projects = Long.parseLong(Http.field(accepted.body(), "total"));
            long deadline = started + settings.rebuildTimeLimit().toNanos();
            String board;
            do {
                Thread.sleep(250);
                String list = http.getAndWait("/api/admin/projections", admin).body();
                board = list.substring(list.indexOf("\"name\":\"task-board\""));
                int next = board.indexOf("},{\"name\"");
                board = next < 0 ? board : board.substring(0, next + 1);
            } while (Http.field(board, "state").equals("REBUILDING") && System.nanoTime() < deadline);
            double seconds = (System.nanoTime() - started) / 1e9;
            boolean finished = !Http.field(board, "state").equals("REBUILDING");
            ProcessStats.Usage usage = stats.finish();
            report.note(Report.format("rebuild: server peak RSS %.0f MB, server CPU %.0f %% (JIT compiler threads "
                            + "%.0f %%), PostgreSQL CPU %.0f %%", usage.serverPeakRssMb(), usage.serverCpuPercent(),
                    usage.jitCpuPercent(), usage.postgresCpuPercent()));
            double rate = events / seconds;
            String figure = finished
                    ? Report.format("%.0f events/s (%d events of %d projects in %.1f s)", rate, events, projects,
                    seconds)
                    : Report.format("NOT finished within %d s (%d events of %d projects)",
                    settings.rebuildTimeLimit().toSeconds(), events, projects);
            log("rebuild: " + figure + "; last state: " + board);
            report.figure("4 rebuild task-board", figure,
                    "≥ 20,000 events/s: " + Report.verdict(finished && rate >= 20_000));
        }
    }

    /** Scenario 5: the server on its embedded PostgreSQL, first in an empty data directory, then reusing it. */
    private void coldStart() throws Exception {
        Path dataDir = settings.workDir().resolve("coldstart-data");
        deleteRecursively(dataDir);
        Map<String, String> embedded = new HashMap<>();
        embedded.put("SPRING_DATASOURCE_URL", null);
        embedded.put("TASKLEDGER_DATA_DIR", dataDir.toAbsolutePath().toString());
        awaitQuietMachine();
        for (String start : List.of("empty data directory (initdb, migrations)", "existing data directory")) {
            log("cold start: " + start);
            Duration startup;
            try (ServerProcess server = startServer(embedded, settings.workDir().resolve("coldstart.log"))) {
                startup = server.startup;
            }
            report.figure("5 cold start, " + start, Report.format("%.1f s to first 200 on /health",
                    startup.toMillis() / 1000.0), "< 8 s: " + Report.verdict(startup.toMillis() < 8_000));
        }
        deleteRecursively(dataDir);
    }

    /**
     * A cold start is timed on a machine at rest: the rebuild before it leaves the run's PostgreSQL writing out a
     * million rows' worth of buffers (a checkpoint, done now), and the machine busy for some seconds after.
     */
    private void awaitQuietMachine() throws Exception {
        database.checkpoint();
        long deadline = System.nanoTime() + QUIET_MACHINE_WAIT.toNanos();
        double busy;
        while ((busy = ProcessStats.machineCpuOverOneSecond()) > QUIET_MACHINE_CPU_PERCENT
                && System.nanoTime() < deadline) {
            log(Report.format("cold start: machine %.0f %% busy, waiting", busy));
        }
    }

    private static void deleteRecursively(Path directory) throws Exception {
        if (Files.exists(directory)) {
            try (Stream<Path> paths = Files.walk(directory)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (Exception e) {
            return "unknown";
        }
    }

    static void log(String message) {
        System.err.println(LocalTime.now().withNano(0) + " " + message);
    }
}
