package io.taskledger.infra.operations;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.taskledger.api.error.ErrorCode;
import io.taskledger.api.error.TaskledgerException;
import io.taskledger.projections.ProjectionRebuilder;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs projection rebuilds in the background, each read model by its {@link ProjectionRebuilder}, and tells how far
 * they are: in {@code GET /api/admin/projections} and as the gauge {@value #PROGRESS_METRIC} (percent, one per
 * rebuildable projection, tagged {@code projection}). One rebuild per projection at a time; rebuilds of different
 * projections run side by side.
 */
@Component
public class ProjectionRebuilds {

    public static final String PROGRESS_METRIC = "taskledger.projection.rebuild.progress";
    private static final Logger log = LoggerFactory.getLogger(ProjectionRebuilds.class);

    /**
     * Where the latest rebuild of a projection stands; {@code total} is the number of aggregates (projects,
     * accounts) to rebuild, {@code done} how many are.
     */
    public record Progress(boolean running, int done, int total, String failure) {

        int percent() {
            return total == 0 ? (running ? 0 : 100) : done * 100 / total;
        }
    }

    private record Rebuildable(ProjectionRebuilder rebuilder, AtomicReference<Progress> progress) {
    }

    private final Map<String, Rebuildable> projections = new TreeMap<>();
    private final ExecutorService workers = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "projection-rebuild");
        thread.setDaemon(true);
        return thread;
    });

    private final int threads;
    private final RebuildClaims claims;

    /**
     * @param threads how many aggregates are rebuilt at once; each in its own transaction, so they do not wait for
     *                each other (the default, one per core, took a 1,000,000-event board rebuild from one core to
     *                both, docs/benchmarks.md)
     */
    public ProjectionRebuilds(List<ProjectionRebuilder> rebuilders, MeterRegistry meters, int threads) {
        this(rebuilders, meters, threads, RebuildClaims.SINGLE_NODE);
    }

    /** @param claims who else runs a rebuild: with several nodes, a rebuild runs on one of them at a time */
    @Autowired
    public ProjectionRebuilds(List<ProjectionRebuilder> rebuilders, MeterRegistry meters,
                              @Value("${taskledger.rebuild.threads:#{T(java.lang.Runtime).getRuntime().availableProcessors()}}")
                              int threads, RebuildClaims claims) {
        this.threads = Math.max(1, threads);
        this.claims = claims;
        for (ProjectionRebuilder rebuilder : rebuilders) {
            AtomicReference<Progress> progress = new AtomicReference<>(new Progress(false, 0, 0, null));
            if (projections.putIfAbsent(rebuilder.projection(), new Rebuildable(rebuilder, progress)) != null) {
                throw new IllegalStateException("two rebuilders for the projection " + rebuilder.projection());
            }
            Gauge.builder(PROGRESS_METRIC, progress, current -> current.get().percent())
                    .tag("projection", rebuilder.projection())
                    .description("percent of the aggregates rebuilt by the projection's latest rebuild")
                    .register(meters);
        }
    }

    /** The projections that can be rebuilt, by name. */
    public Set<String> rebuildable() {
        return projections.keySet();
    }

    public boolean isRebuildable(String projection) {
        return projections.containsKey(projection);
    }

    /** Starts rebuilding; refused while a rebuild of that projection runs or for a projection that has no rebuild. */
    public Progress start(String projection) {
        Rebuildable rebuildable = projections.get(projection);
        if (rebuildable == null) {
            throw new TaskledgerException(ErrorCode.PROJECTION_NOT_FOUND,
                    "there is no rebuildable projection " + projection + "; rebuildable: "
                            + String.join(", ", projections.keySet()));
        }
        AtomicReference<Progress> progress = rebuildable.progress();
        Progress before = progress.get();
        if (before.running()) {
            throw running(projection, before);
        }
        List<String> keys = rebuildable.rebuilder().keys();
        int total = keys.size();
        Progress started = new Progress(true, 0, total, null);
        if (!progress.compareAndSet(before, started)) {
            throw running(projection, progress.get());
        }
        boolean claimed = false;
        try {
            claimed = claims.claim(projection, total);
        } finally {
            if (!claimed) {
                progress.set(before);
            }
        }
        if (!claimed) {
            throw running(projection, claims.latest(projection).orElse(started));
        }
        workers.execute(() -> rebuildAll(projection, rebuildable.rebuilder(), keys, progress));
        return started;
    }

    /** The keys are taken in order by {@link #threads} workers; the first failure stops them all. */
    private void rebuildAll(String projection, ProjectionRebuilder rebuilder, List<String> keys,
                            AtomicReference<Progress> progress) {
        int total = keys.size();
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        AtomicLong lastRecorded = new AtomicLong(System.nanoTime());
        Runnable worker = () -> {
            Thread.currentThread().setName("projection-rebuild-" + projection);
            try {
                for (int i = next.getAndIncrement(); i < total && failure.get() == null; i = next.getAndIncrement()) {
                    rebuilder.rebuild(keys.get(i));
                    int rebuilt = done.incrementAndGet();
                    Progress now = progress.updateAndGet(
                            current -> current.done() >= rebuilt ? current : new Progress(true, rebuilt, total, null));
                    recordAtMostEverySecond(projection, now, lastRecorded);
                }
            } catch (RuntimeException e) {
                failure.compareAndSet(null, e);
            } finally {
                Thread.currentThread().setName("projection-rebuild");
            }
        };
        List<CompletableFuture<Void>> workersDone = new ArrayList<>();
        for (int i = 1; i < Math.min(threads, Math.max(total, 1)); i++) {
            workersDone.add(CompletableFuture.runAsync(worker, workers));
        }
        worker.run();
        workersDone.forEach(CompletableFuture::join);
        if (failure.get() == null) {
            progress.set(new Progress(false, total, total, null));
        } else {
            log.error("Rebuilding {} failed", projection, failure.get());
            progress.set(new Progress(false, done.get(), total, String.valueOf(failure.get().getMessage())));
        }
        record(projection, progress.get());
    }

    /** Other nodes report this progress too; recorded once a second at most, so the record costs nothing. */
    private void recordAtMostEverySecond(String projection, Progress now, AtomicLong lastRecorded) {
        long last = lastRecorded.get();
        if (System.nanoTime() - last >= 1_000_000_000L && lastRecorded.compareAndSet(last, System.nanoTime())) {
            record(projection, now);
        }
    }

    private void record(String projection, Progress progress) {
        try {
            claims.progress(projection, progress);
        } catch (DataAccessException e) {
            log.warn("Could not record the progress of the {} rebuild: {}", projection, e.getMessage());
        }
    }

    /** The latest rebuild of the projection; null for one that cannot be rebuilt. */
    public Progress progressOf(String projection) {
        Rebuildable rebuildable = projections.get(projection);
        if (rebuildable == null) {
            return null;
        }
        Progress here = rebuildable.progress().get();
        if (here.running()) {
            return here;
        }
        try {
            return claims.latest(projection).orElse(here);
        } catch (DataAccessException e) {
            return here;
        }
    }

    private static TaskledgerException running(String projection, Progress running) {
        return new TaskledgerException(ErrorCode.REBUILD_RUNNING, "a rebuild of " + projection + " is running: "
                + running.done() + " of " + running.total() + " done");
    }

    @PreDestroy
    void stop() {
        workers.shutdownNow();
    }
}
