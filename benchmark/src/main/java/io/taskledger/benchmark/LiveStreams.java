package io.taskledger.benchmark;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Many open server-sent event streams ({@code GET /api/projects/{id}/stream}), each following one project as that
 * project's agent, recording every change it receives with the time it arrived: afterwards each stream is checked to
 * have received every change of its project once, in version order, and the delivery time of each change a command
 * answered is the time it arrived minus the time the command's answer arrived.
 */
final class LiveStreams implements AutoCloseable {

    private static final Pattern START = Pattern.compile("^: ?project \\S+ after (-?\\d+)");

    /** One stream: its project, the version it started after, and every id it received, in arrival order. */
    static final class Stream implements Flow.Subscriber<String> {
        final String projectId;
        volatile long startedAfter = Long.MIN_VALUE;
        final List<Long> versions = new ArrayList<>();
        final Map<Long, Long> arrivedAtNanos = new ConcurrentHashMap<>();
        volatile String ended;
        private Flow.Subscription subscription;

        Stream(String projectId) {
            this.projectId = projectId;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(String line) {
            if (line.startsWith("id:")) {
                long version = Long.parseLong(line.substring(3).strip());
                synchronized (versions) {
                    versions.add(version);
                }
                arrivedAtNanos.putIfAbsent(version, System.nanoTime());
            } else if (startedAfter == Long.MIN_VALUE) {
                Matcher start = START.matcher(line);
                if (start.find()) {
                    startedAfter = Long.parseLong(start.group(1));
                }
            }
        }

        @Override
        public void onError(Throwable throwable) {
            ended = String.valueOf(throwable);
        }

        @Override
        public void onComplete() {
            ended = "closed by the server";
        }

        List<Long> received() {
            synchronized (versions) {
                return List.copyOf(versions);
            }
        }

        void cancel() {
            if (subscription != null) {
                subscription.cancel();
            }
        }
    }

    private final ExecutorService callbacks = Executors.newFixedThreadPool(2, Http.daemon("sse-client"));
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).executor(callbacks).build();
    final List<Stream> streams = new ArrayList<>();
    final List<String> refusals = new ArrayList<>();

    /** Opens {@code count} streams spread over the fixture's projects, each as its project's agent. */
    LiveStreams(int port, Authentication auth, Fixture fixture, int count) throws InterruptedException {
        for (int i = 0; i < count; i++) {
            Fixture.Project project = fixture.projects.get(i % fixture.projects.size());
            Stream stream = new Stream(project.id());
            HttpRequest.Builder request = HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/api/projects/" + project.id() + "/stream"))
                    .header("Accept", "text/event-stream");
            String token = auth.tokenOf(project.agent());
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            client.sendAsync(request.GET().build(), HttpResponse.BodyHandlers.fromLineSubscriber(stream))
                    .thenAccept(response -> {
                        if (response.statusCode() != 200) {
                            synchronized (refusals) {
                                refusals.add("stream answered " + response.statusCode());
                            }
                        }
                    });
            streams.add(stream);
            if (i % 50 == 49) {
                Thread.sleep(100);   // the per-account rate limit: each agent opens a few streams a second at most
            }
        }
    }

    /** Waits until every stream has said where it starts; returns how many have not, after the wait. */
    long awaitStarted(Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (notStarted() == 0) {
                return 0;
            }
            Thread.sleep(100);
        }
        return notStarted();
    }

    private long notStarted() {
        return streams.stream().filter(stream -> stream.startedAfter == Long.MIN_VALUE).count();
    }

    @Override
    public void close() {
        streams.forEach(Stream::cancel);
        callbacks.shutdownNow();
    }
}
