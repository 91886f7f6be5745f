package io.taskledger.benchmark;

import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * A closed loop: N clients, each sending its next request as soon as its previous one answered. Requests that start
 * and end inside the measured window count for throughput and latency; errors count over the whole run, warm-up
 * included, because the goal is zero of them.
 */
final class ClosedLoop {

    /** One simulated connection; returns null when it succeeded, else what went wrong, or null future when done. */
    interface Client {
        CompletableFuture<String> next();
    }

    record Result(double throughput, Latencies.Summary latency, long errors, long timeouts, String firstError) {
    }

    private final ExecutorService loopThread = Executors.newSingleThreadExecutor(Http.daemon("closed-loop"));
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong timeouts = new AtomicLong();
    private volatile String firstError;
    private long measureFrom;
    private long measureUntil;

    static Result run(int connections, Duration warmup, Duration duration, IntFunction<Client> clients) {
        return new ClosedLoop().drive(connections, warmup, duration, clients);
    }

    private Result drive(int connections, Duration warmup, Duration duration, IntFunction<Client> clients) {
        long start = System.nanoTime();
        measureFrom = start + warmup.toNanos();
        measureUntil = measureFrom + duration.toNanos();
        List<Latencies> latencies = new ArrayList<>();
        List<CompletableFuture<Void>> finished = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            Latencies clientLatencies = new Latencies();
            latencies.add(clientLatencies);
            CompletableFuture<Void> done = new CompletableFuture<>();
            finished.add(done);
            Client client = clients.apply(i);
            loopThread.execute(() -> step(client, clientLatencies, done));
        }
        try {
            CompletableFuture.allOf(finished.toArray(CompletableFuture[]::new))
                    .get(duration.plus(warmup).plus(Http.REQUEST_TIMEOUT).plusSeconds(10).toMillis(),
                            TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("clients did not finish", e);
        } finally {
            loopThread.shutdown();
        }
        Latencies.Summary summary = Latencies.summarize(latencies);
        double seconds = duration.toNanos() / 1e9;
        return new Result(summary.count() / seconds, summary, errors.get(), timeouts.get(), firstError);
    }

    private void step(Client client, Latencies latencies, CompletableFuture<Void> done) {
        long sentAt = System.nanoTime();
        if (sentAt >= measureUntil) {
            done.complete(null);
            return;
        }
        CompletableFuture<String> answer = client.next();
        if (answer == null) {   // the client has no more work
            done.complete(null);
            return;
        }
        // Asynchronously on purpose: an answer that is already there must not recurse into the next request.
        answer.whenCompleteAsync((error, failure) -> {
            long answeredAt = System.nanoTime();
            if (failure != null || error != null) {
                recordError(failure, error);
            } else if (sentAt >= measureFrom && answeredAt <= measureUntil) {
                latencies.add(answeredAt - sentAt);
            }
            step(client, latencies, done);
        }, loopThread);
    }

    private void recordError(Throwable failure, String error) {
        errors.incrementAndGet();
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof HttpTimeoutException) {
            timeouts.incrementAndGet();
        }
        if (firstError == null) {
            firstError = cause != null ? cause.toString() : error;
        }
    }
}
