package io.taskledger.benchmark;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/** What one connection does against Taskledger in each scenario: agents' commands, board reads, or both. */
final class TaskledgerClients {

    /**
     * A project's whole board in one page: a fixture project holds more tasks than the default page, and the
     * scenarios read the whole board, as they did before the lists were paged.
     */
    static final String WHOLE_BOARD = "/tasks?limit=1000";

    /** The newest command the server confirmed: the lag probe waits for the board to show it. */
    record Commit(String projectId, long version, long answeredAtNanos) {
    }

    private TaskledgerClients() {
    }

    /**
     * An agent working through subtasks: start one (attempt n, with a lease), report it with every criterion passed,
     * take the next. Each call sends one command. A client stays on its own project until that runs dry, then moves to
     * a project drawn at random from those with work left: moving on to the next one in line made every client whose
     * project ran dry converge on the same project, whose commands then queued behind each other (one at a time per
     * project), so a point measured one project's turn-taking instead of many agents on many projects.
     */
    static final class Commands implements ClosedLoop.Client {
        private final Http http;
        private final Authentication auth;
        private final Fixture fixture;
        private final AtomicReference<Commit> lastCommit;
        private final AtomicInteger startsLeft;
        private final Consumer<Commit> onCommit;
        private Fixture.Project project;
        private String subtask;
        private int attempt;

        Commands(Http http, Authentication auth, Fixture fixture, int connection, AtomicReference<Commit> lastCommit) {
            this(http, auth, fixture, connection, lastCommit, null);
        }

        /** @param startsLeft subtasks these clients may still start between them (shared); null: no limit */
        Commands(Http http, Authentication auth, Fixture fixture, int connection, AtomicReference<Commit> lastCommit,
                 AtomicInteger startsLeft) {
            this(http, auth, fixture, connection, lastCommit, startsLeft, null);
        }

        /** @param onCommit told of every command the server confirmed; null: nobody */
        Commands(Http http, Authentication auth, Fixture fixture, int connection, AtomicReference<Commit> lastCommit,
                 AtomicInteger startsLeft, Consumer<Commit> onCommit) {
            this.onCommit = onCommit;
            this.http = http;
            this.auth = auth;
            this.fixture = fixture;
            this.project = fixture.projects.get(connection % fixture.projects.size());
            this.lastCommit = lastCommit;
            this.startsLeft = startsLeft;
        }

        @Override
        public CompletableFuture<String> next() {
            if (subtask == null) {
                return start();
            }
            return http.post("/api/projects/" + project.id() + "/tasks/" + subtask + "/report",
                            Fixture.passingReport(subtask, attempt), auth.tokenOf(project.agent()))
                    .thenApply(response -> {
                        subtask = null;
                        return confirmed(response, "report");
                    });
        }

        private CompletableFuture<String> start() {
            if (startsLeft != null && startsLeft.decrementAndGet() < 0) {
                return null;   // this client's share of the fixture is used up
            }
            subtask = project != null ? project.ready().poll() : null;   // null: the fixture ran dry before
            while (subtask == null) {
                project = fixture.anyProjectWithWorkLeft();
                if (project == null) {
                    return null;   // every subtask of the fixture has been worked: nothing left to command
                }
                subtask = project.ready().poll();   // null when other clients took its last ones meanwhile
            }
            return http.post("/api/projects/" + project.id() + "/tasks/" + subtask + "/start",
                            "{\"agent\":\"" + project.agent() + "\"}", auth.tokenOf(project.agent()))
                    .thenApply(response -> {
                        String error = confirmed(response, "start");
                        if (error == null) {
                            attempt = Integer.parseInt(Http.field(response.body(), "attempt"));
                        } else {
                            subtask = null;
                        }
                        return error;
                    });
        }

        private String confirmed(HttpResponse<String> response, String what) {
            if (response.statusCode() != 200) {
                return what + " answered " + response.statusCode() + " " + response.body();
            }
            long version = Long.parseLong(Http.field(response.body(), "version"));
            Commit commit = new Commit(project.id(), version, System.nanoTime());
            lastCommit.set(commit);
            if (onCommit != null) {
                onCommit.accept(commit);
            }
            return null;
        }
    }

    /** The three reads agents and people make all day: the board, one task's detail, and an agent's next task. */
    static final class Queries implements ClosedLoop.Client {
        private final Http http;
        private final Authentication auth;
        private final Fixture fixture;

        Queries(Http http, Authentication auth, Fixture fixture) {
            this.http = http;
            this.auth = auth;
            this.fixture = fixture;
        }

        @Override
        public CompletableFuture<String> next() {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            Fixture.Project project = fixture.projects.get(random.nextInt(fixture.projects.size()));
            String token = auth.tokenOf(project.agent());
            CompletableFuture<HttpResponse<String>> answer = switch (random.nextInt(3)) {
                case 0 -> http.get("/api/projects/" + project.id() + WHOLE_BOARD, token);
                case 1 -> http.get("/api/projects/" + project.id() + "/tasks/"
                        + project.subtaskKeys().get(random.nextInt(project.subtaskKeys().size())), token);
                default -> http.get("/api/agents/" + project.agent() + "/next-task", token);
            };
            return answer.thenApply(response -> response.statusCode() == 200 || response.statusCode() == 204
                    ? null
                    : response.uri().getPath() + " answered " + response.statusCode() + " " + response.body());
        }
    }

    /**
     * The lightest authenticated request: the caller's own account, {@code GET /api/users/me}. Each request goes as
     * the next agent (connection i starts with the agent of project i), so every account sends 1/100 of the load:
     * one agent alone would exceed the per-account rate limit (100 per second) at a single connection, and the row
     * would measure the limiter's 429 answers.
     */
    static final class Me implements ClosedLoop.Client {
        private final Http http;
        private final Authentication auth;
        private final Fixture fixture;
        private int projectIndex;

        Me(Http http, Authentication auth, Fixture fixture, int connection) {
            this.http = http;
            this.auth = auth;
            this.fixture = fixture;
            this.projectIndex = connection % fixture.projects.size();
        }

        @Override
        public CompletableFuture<String> next() {
            String token = auth.tokenOf(fixture.projects.get(projectIndex).agent());
            projectIndex = (projectIndex + 1) % fixture.projects.size();
            return http.get("/api/users/me", token).thenApply(response -> response.statusCode() == 200
                    ? null : "/api/users/me answered " + response.statusCode() + " " + response.body());
        }
    }

    /**
     * Board reads as the goals count them: a project's task list and one task's detail (one of its first 8
     * subtasks), half each. With {@code tags}, each request sends the entity tag the last answer for that path carried
     * ({@code If-None-Match}), as clients that keep the board in their cache do: the server answers 304 while the
     * project has not changed. The connections of a point share the tags, learnt during the point's warm-up.
     */
    static final class BoardReads implements ClosedLoop.Client {
        private final Http http;
        private final Authentication auth;
        private final Fixture fixture;
        private final Map<String, String> tags;

        /** @param tags null: full reads, no {@code If-None-Match} */
        BoardReads(Http http, Authentication auth, Fixture fixture, Map<String, String> tags) {
            this.http = http;
            this.auth = auth;
            this.fixture = fixture;
            this.tags = tags;
        }

        @Override
        public CompletableFuture<String> next() {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            Fixture.Project project = fixture.projects.get(random.nextInt(fixture.projects.size()));
            String token = auth.tokenOf(project.agent());
            String path = random.nextBoolean() ? "/api/projects/" + project.id() + WHOLE_BOARD
                    : "/api/projects/" + project.id() + "/tasks/"
                    + project.subtaskKeys().get(random.nextInt(Math.min(8, project.subtaskKeys().size())));
            String tag = tags == null ? null : tags.get(path);
            return http.getIfNoneMatch(path, token, tag).thenApply(response -> {
                if (response.statusCode() == 200 || response.statusCode() == 304) {
                    if (tags != null) {
                        response.headers().firstValue("ETag").ifPresent(etag -> tags.put(path, etag));
                    }
                    return null;
                }
                return path + " answered " + response.statusCode() + " " + response.body();
            });
        }
    }

    /**
     * A project's whole board, read the same way over REST ({@code GET .../tasks?limit=1000}) or over GraphQL (the
     * project with every field of its tasks that REST answers), for comparing the two doors.
     */
    static final class WholeBoards implements ClosedLoop.Client {
        static final String GRAPHQL_BOARD = "{\"query\":\"query($id: ID!) { project(id: $id) { id version tasks { "
                + "projectId key level parent title status assignee priority attempts maxRetries blockedBy position } } }\","
                + "\"variables\":{\"id\":\"%s\"}}";
        private final Http http;
        private final Authentication auth;
        private final Fixture fixture;
        private final boolean graphQl;

        WholeBoards(Http http, Authentication auth, Fixture fixture, boolean graphQl) {
            this.http = http;
            this.auth = auth;
            this.fixture = fixture;
            this.graphQl = graphQl;
        }

        @Override
        public CompletableFuture<String> next() {
            Fixture.Project project = fixture.projects.get(ThreadLocalRandom.current().nextInt(fixture.projects.size()));
            String token = auth.tokenOf(project.agent());
            CompletableFuture<HttpResponse<String>> answer = graphQl
                    ? http.post("/graphql", GRAPHQL_BOARD.formatted(project.id()), token)
                    : http.get("/api/projects/" + project.id() + WHOLE_BOARD, token);
            return answer.thenApply(response -> {
                boolean answered = response.statusCode() == 200
                        && (!graphQl || !response.body().contains("\"errors\"") && response.body().contains("\"tasks\""));
                return answered ? null : response.uri().getPath() + " answered " + response.statusCode() + " "
                        + response.body().substring(0, Math.min(300, response.body().length()));
            });
        }
    }

    /** A request to the no-op server ({@link NoopHttpServer}), which answers 204. */
    static final class Noop implements ClosedLoop.Client {
        private final Http http;

        Noop(Http http) {
            this.http = http;
        }

        @Override
        public CompletableFuture<String> next() {
            return http.get("/", null).thenApply(response -> response.statusCode() == 204
                    ? null : "the no-op server answered " + response.statusCode());
        }
    }

    /** Four reads for every write, drawn at random per request. */
    static final class Mixed implements ClosedLoop.Client {
        static final double WRITE_SHARE = 0.2;
        private final Commands commands;
        private final Queries queries;

        Mixed(Commands commands, Queries queries) {
            this.commands = commands;
            this.queries = queries;
        }

        @Override
        public CompletableFuture<String> next() {
            if (ThreadLocalRandom.current().nextDouble() < WRITE_SHARE) {
                CompletableFuture<String> command = commands.next();
                if (command != null) {
                    return command;
                }
            }
            return queries.next();
        }
    }
}
