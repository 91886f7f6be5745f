package io.taskledger.query.api;

import io.taskledger.api.access.Caller;
import io.taskledger.api.error.ErrorCode;
import io.taskledger.api.error.TaskledgerException;
import io.taskledger.api.ids.ProjectId;
import io.taskledger.api.query.FindProjectInEventStoreQuery;
import io.taskledger.api.query.FindProjectVersionQuery;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lets a project-scoped read through once the read models know the project, and, when the caller names the version
 * its own command produced ({@code X-Min-Version}, the number of the command's ETag), once they reflect at least
 * that version: read-your-writes over eventually consistent projections, waiting a bounded time. A waiting read holds
 * a request thread (the server has 32), so only {@code taskledger.read-your-writes.max-waiting} reads wait at once; one
 * more is answered at once that the read model is behind: a stalled projection must not take every thread.
 *
 * <p>A read that asked for a version and gave up is answered 503 {@code READ_MODEL_BEHIND} whenever the caller may
 * see the project, even if the read models do not show it at all yet (its first events are still on their way, or
 * parked in the dead-letter queue): then the event store says whether it exists and the caller belongs to it. Only a
 * project that does not exist, or that the caller may not see, is 404.
 */
@Component
public class ProjectReadGate {

    public static final String MIN_VERSION_HEADER = "X-Min-Version";

    /** Short enough to add little latency, long enough not to hammer the database while a projection catches up. */
    private static final Duration POLL_INTERVAL = Duration.ofMillis(15);

    private static final Pattern VERSION = Pattern.compile("\"?(\\d{1,18})\"?");

    private final BoardQueries queries;
    private final Duration maxWait;
    private final Semaphore waiting;
    private final int maxWaiting;

    public ProjectReadGate(BoardQueries queries,
                           @Value("${taskledger.read-your-writes.max-wait:5s}") Duration maxWait,
                           @Value("${taskledger.read-your-writes.max-waiting:8}") int maxWaiting) {
        this.queries = queries;
        this.maxWait = maxWait;
        this.maxWaiting = maxWaiting;
        this.waiting = new Semaphore(maxWaiting);
    }

    /**
     * Returns when the caller may read the project. A project the caller may not see is answered exactly like one
     * that does not exist, so its existence is not revealed.
     *
     * @param minVersion the {@value #MIN_VERSION_HEADER} header, or null when the caller asks for no version
     */
    public void open(ProjectId projectId, String minVersion, Caller caller) {
        long reflected = versionOf(projectId, caller);
        if (minVersion == null) {
            if (reflected < 0) {
                throw notFound(projectId);
            }
            return;
        }
        long wanted = parse(minVersion);
        if (reflected >= wanted) {
            return;
        }
        if (!waiting.tryAcquire()) {
            if (reflected < 0 && !storedAndVisible(projectId, caller)) {
                throw notFound(projectId);
            }
            throw behind(projectId, reflected, wanted, ", and " + maxWaiting
                    + " reads already wait for their read models; retry shortly");
        }
        try {
            waitFor(projectId, wanted, reflected, caller);
        } finally {
            waiting.release();
        }
    }

    private void waitFor(ProjectId projectId, long wanted, long reflected, Caller caller) {
        long deadline = System.nanoTime() + maxWait.toNanos();
        while (reflected < wanted) {
            if (System.nanoTime() - deadline >= 0) {
                if (reflected < 0 && !storedAndVisible(projectId, caller)) {
                    throw notFound(projectId);
                }
                throw behind(projectId, reflected, wanted, " after waiting " + maxWait + "; retry shortly");
            }
            pause(projectId);
            reflected = versionOf(projectId, caller);
        }
    }

    private long versionOf(ProjectId projectId, Caller caller) {
        return queries.ask(new FindProjectVersionQuery(projectId, caller), Long.class);
    }

    private static TaskledgerException behind(ProjectId projectId, long reflected, long wanted, String rest) {
        String shows = reflected < 0 ? " does not show the project yet, nor version " + wanted
                : " reflects version " + reflected + ", not yet " + wanted;
        return new TaskledgerException(ErrorCode.READ_MODEL_BEHIND, "the read model of project " + projectId + shows
                + rest);
    }

    private boolean storedAndVisible(ProjectId projectId, Caller caller) {
        return queries.ask(new FindProjectInEventStoreQuery(projectId, caller), Boolean.class);
    }

    private static TaskledgerException notFound(ProjectId projectId) {
        return new TaskledgerException(ErrorCode.PROJECT_NOT_FOUND, "project " + projectId + " does not exist");
    }

    /** Takes the bare number, or the quoted ETag as a command answered it. */
    private static long parse(String minVersion) {
        Matcher matcher = VERSION.matcher(minVersion.strip());
        if (!matcher.matches()) {
            throw new TaskledgerException(ErrorCode.INVALID_INPUT,
                    MIN_VERSION_HEADER + " must be a project version (a number from 0), not '" + minVersion + "'");
        }
        return Long.parseLong(matcher.group(1));
    }

    private void pause(ProjectId projectId) {
        try {
            Thread.sleep(POLL_INTERVAL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TaskledgerException(ErrorCode.READ_MODEL_BEHIND,
                    "interrupted while waiting for the read model of project " + projectId);
        }
    }
}
