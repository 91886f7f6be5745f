package io.taskledger.infra.operations;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.taskledger.api.error.ErrorCode;
import io.taskledger.api.error.TaskledgerException;
import io.taskledger.projections.board.BoardRebuilder;
import io.taskledger.projections.board.TaskBoardProjection;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs projection rebuilds in the background, one at a time, and tells how far they are: in
 * {@code GET /api/admin/projections} and as the gauge {@value #PROGRESS_METRIC} (percent, tagged by projection).
 */
@Component
public class ProjectionRebuilds {

    public static final String PROGRESS_METRIC = "taskledger.projection.rebuild.progress";
    private static final Logger log = LoggerFactory.getLogger(ProjectionRebuilds.class);

    /** Where the latest rebuild stands; {@code total} is the number of projects to rebuild. */
    public record Progress(boolean running, int done, int total, String failure) {

        int percent() {
            return total == 0 ? (running ? 0 : 100) : done * 100 / total;
        }
    }

    private final BoardRebuilder board;
    private final AtomicReference<Progress> progress = new AtomicReference<>(new Progress(false, 0, 0, null));
    private final ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "projection-rebuild");
        thread.setDaemon(true);
        return thread;
    });

    public ProjectionRebuilds(BoardRebuilder board, MeterRegistry meters) {
        this.board = board;
        Gauge.builder(PROGRESS_METRIC, progress, current -> current.get().percent())
                .tag("projection", TaskBoardProjection.PROCESSING_GROUP)
                .description("percent of the projects rebuilt by the latest rebuild")
                .register(meters);
    }

    /** Starts rebuilding; refused while a rebuild runs or for a projection that cannot be rebuilt. */
    public Progress start(String projection) {
        if (!TaskBoardProjection.PROCESSING_GROUP.equals(projection)) {
            throw new TaskledgerException(ErrorCode.PROJECTION_NOT_FOUND,
                    "there is no rebuildable projection " + projection + "; rebuildable: "
                            + TaskBoardProjection.PROCESSING_GROUP);
        }
        int total = board.projects().size();
        Progress started = new Progress(true, 0, total, null);
        Progress before = progress.get();
        if (before.running() || !progress.compareAndSet(before, started)) {
            throw new TaskledgerException(ErrorCode.REBUILD_RUNNING, "a rebuild of " + projection + " is running: "
                    + before.done() + " of " + before.total() + " projects done");
        }
        worker.execute(() -> {
            try {
                board.rebuildAll(done -> progress.set(new Progress(true, done, total, null)));
                progress.set(new Progress(false, total, total, null));
            } catch (RuntimeException e) {
                log.error("Rebuilding {} failed", projection, e);
                Progress failed = progress.get();
                progress.set(new Progress(false, failed.done(), total, String.valueOf(e.getMessage())));
            }
        });
        return started;
    }

    /** The latest rebuild of the projection, if it is one that can be rebuilt. */
    public Progress progressOf(String projection) {
        return TaskBoardProjection.PROCESSING_GROUP.equals(projection) ? progress.get() : null;
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }
}
