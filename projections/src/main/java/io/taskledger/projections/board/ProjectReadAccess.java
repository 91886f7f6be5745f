package io.taskledger.projections.board;

import io.taskledger.api.access.Caller;
import io.taskledger.api.error.ErrorCode;
import io.taskledger.api.error.TaskledgerException;
import io.taskledger.api.ids.ProjectId;
import io.taskledger.api.ids.ProjectVersion;
import io.taskledger.api.query.ProjectAnswer;
import io.taskledger.api.query.ProjectScope;
import io.taskledger.projections.audit.StoredProjectAccess;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * Who may read a project, decided in one place, where every project-scoped query is answered: members of the
 * project, and ADMIN and AUDITOR, which read everything. A project the viewer may not see is answered exactly like
 * one that does not exist ({@code PROJECT_NOT_FOUND}), so its existence is not revealed.
 *
 * <p>With a minimum version ({@code X-Min-Version}, the number of a command's ETag) the read waits, bounded by
 * {@code taskledger.read-your-writes.max-wait}, until the board reflects at least that version: read-your-writes over
 * an eventually consistent projection. A waiting read holds a request thread (the server has 32), so only
 * {@code taskledger.read-your-writes.max-waiting} reads wait at once; one more is answered at once that the read model
 * is behind: a stalled projection must not take every thread.
 *
 * <p>A read that asked for a version and gave up is answered 503 {@code READ_MODEL_BEHIND} whenever the viewer may
 * see the project, even if the board does not show it at all yet (its first events are still on their way, or
 * parked in the dead-letter queue): then the event store says whether it exists and the viewer belongs to it
 * ({@link StoredProjectAccess}, asked only then). Only a project that does not exist, or that the viewer may not see,
 * is 404.
 */
@Component
public class ProjectReadAccess {

    /** How the version the board reflects is looked up for a viewer: empty when hidden from it or unknown. */
    @FunctionalInterface
    interface VisibleVersions {
        Optional<Long> of(ProjectId projectId, Caller viewer);
    }

    /** Whether the event store holds the project and, by its own events, the viewer may see it. */
    @FunctionalInterface
    interface StoredVisibility {
        boolean of(ProjectId projectId, Caller viewer);
    }

    /** Short enough to add little latency, long enough not to hammer the database while a projection catches up. */
    private static final Duration POLL_INTERVAL = Duration.ofMillis(15);

    private final VisibleVersions versions;
    private final StoredVisibility stored;
    private final Duration maxWait;
    private final Semaphore waiting;
    private final int maxWaiting;

    @Autowired
    ProjectReadAccess(BoardReads board, StoredProjectAccess storedAccess,
                      @Value("${taskledger.read-your-writes.max-wait:5s}") Duration maxWait,
                      @Value("${taskledger.read-your-writes.max-waiting:8}") int maxWaiting) {
        this((projectId, viewer) -> board.visibleVersion(projectId.value(), viewer.role().readsEverything(),
                viewer.username()), storedAccess::visible, maxWait, maxWaiting);
    }

    ProjectReadAccess(VisibleVersions versions, StoredVisibility stored, Duration maxWait, int maxWaiting) {
        this.versions = versions;
        this.stored = stored;
        this.maxWait = maxWait;
        this.maxWaiting = maxWaiting;
        this.waiting = new Semaphore(maxWaiting);
    }

    /**
     * The version the board reflects for the scope's project, once the viewer may see it and, when the scope names
     * a minimum version, the board has reached it.
     *
     * @throws TaskledgerException PROJECT_NOT_FOUND when the project is unknown or hidden from the viewer;
     *                             READ_MODEL_BEHIND when the minimum version was not reached in time
     */
    public ProjectVersion open(ProjectScope scope) {
        long reflected = versionOf(scope);
        ProjectVersion wanted = scope.minVersion();
        if (wanted == null || reflected >= wanted.value()) {
            if (reflected < 0) {
                throw notFound(scope.projectId());
            }
            return ProjectVersion.of(reflected);
        }
        if (!waiting.tryAcquire()) {
            if (reflected < 0 && !storedAndVisible(scope)) {
                throw notFound(scope.projectId());
            }
            throw behind(scope.projectId(), reflected, wanted.value(), ", and " + maxWaiting
                    + " reads already wait for their read models; retry shortly");
        }
        try {
            return ProjectVersion.of(waitFor(scope, wanted.value(), reflected));
        } finally {
            waiting.release();
        }
    }

    /**
     * Answers a project-scoped query: once the viewer may see the project ({@link #open}), the read's result at the
     * version the board reflects, or, while the project is still at a version the scope knows, that it is unchanged,
     * without reading. The rows are read after the version, so they are never older than it.
     */
    public <T> ProjectAnswer<T> answer(ProjectScope scope, Supplier<T> read) {
        ProjectVersion version = open(scope);
        if (scope.known().contains(version)) {
            return ProjectAnswer.unchangedAt(version);
        }
        return ProjectAnswer.of(version, read.get());
    }

    /** Whether the viewer may see the project now, without waiting: what a read spanning projects asks of each. */
    public boolean visible(ProjectId projectId, Caller viewer) {
        return versions.of(projectId, viewer).isPresent();
    }

    private long waitFor(ProjectScope scope, long wanted, long reflected) {
        long deadline = System.nanoTime() + maxWait.toNanos();
        while (reflected < wanted) {
            if (System.nanoTime() - deadline >= 0) {
                if (reflected < 0 && !storedAndVisible(scope)) {
                    throw notFound(scope.projectId());
                }
                throw behind(scope.projectId(), reflected, wanted, " after waiting " + maxWait + "; retry shortly");
            }
            pause(scope.projectId());
            reflected = versionOf(scope);
        }
        return reflected;
    }

    private long versionOf(ProjectScope scope) {
        return versions.of(scope.projectId(), scope.viewer()).orElse(-1L);
    }

    private boolean storedAndVisible(ProjectScope scope) {
        return stored.of(scope.projectId(), scope.viewer());
    }

    private static TaskledgerException behind(ProjectId projectId, long reflected, long wanted, String rest) {
        String shows = reflected < 0 ? " does not show the project yet, nor version " + wanted
                : " reflects version " + reflected + ", not yet " + wanted;
        return new TaskledgerException(ErrorCode.READ_MODEL_BEHIND, "the read model of project " + projectId + shows
                + rest);
    }

    static TaskledgerException notFound(ProjectId projectId) {
        return new TaskledgerException(ErrorCode.PROJECT_NOT_FOUND, "project " + projectId + " does not exist");
    }

    private static void pause(ProjectId projectId) {
        try {
            Thread.sleep(POLL_INTERVAL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TaskledgerException(ErrorCode.READ_MODEL_BEHIND,
                    "interrupted while waiting for the read model of project " + projectId);
        }
    }
}
