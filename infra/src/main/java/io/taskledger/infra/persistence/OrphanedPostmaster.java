package io.taskledger.infra.persistence;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The embedded PostgreSQL runs as a process of its own (started through pg_ctl), so a server killed with
 * {@code kill -9} leaves it running, holding the data directory: the next start would fail on its
 * {@code postmaster.pid}. Before a start, this finds such an orphan and stops it cleanly (SIGTERM: PostgreSQL's smart
 * shutdown, which the dead server's closed connections no longer hold up), so the start goes on with every committed
 * transaction in place.
 *
 * <p>A postmaster is an orphan only when no live server uses the directory. zonky's embedded PostgreSQL holds a file
 * lock on {@code epg-lock} in the data directory for as long as it runs, and the operating system drops that lock
 * when its process dies: if this process can take the lock, nobody alive owns the postmaster.
 */
final class OrphanedPostmaster {

    private static final Logger log = LoggerFactory.getLogger(OrphanedPostmaster.class);

    /** The lock file zonky's EmbeddedPostgres holds in the data directory while it runs. */
    static final String OWNER_LOCK_FILE = "epg-lock";
    private static final Duration SHUTDOWN_BOUND = Duration.ofSeconds(60);

    private OrphanedPostmaster() {
    }

    /** Stops the postmaster left running on {@code pgData} by a server that died, if there is one. */
    static void stopIfAny(Path pgData) throws IOException {
        Path pidFile = pgData.resolve("postmaster.pid");
        if (!Files.exists(pidFile) || !Files.isDirectory(pgData)) {
            return;
        }
        try (FileChannel channel = FileChannel.open(pgData.resolve(OWNER_LOCK_FILE),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            FileLock ownerLock;
            try {
                ownerLock = channel.tryLock();
            } catch (OverlappingFileLockException heldInThisProcess) {
                ownerLock = null;
            }
            if (ownerLock == null) {
                // A live server (this one or another) owns the directory: its postmaster is no orphan, and zonky's
                // start fails on the lock as it should.
                return;
            }
            try {
                postmasterOf(pidFile).ifPresent(postmaster -> stop(postmaster, pgData));
            } finally {
                ownerLock.release();
            }
        }
    }

    /** The live postgres process named by the pid file; none when it is stale (PostgreSQL handles that itself). */
    private static Optional<ProcessHandle> postmasterOf(Path pidFile) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(pidFile);
        } catch (NoSuchFileException stoppedMeanwhile) {
            return Optional.empty();
        }
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        long pid;
        try {
            pid = Long.parseLong(lines.get(0).strip());
        } catch (NumberFormatException notAPidFile) {
            return Optional.empty();
        }
        // After a reboot the pid may belong to an unrelated process: only a postgres executable is signalled.
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(process -> process.info().command()
                        .map(command -> Path.of(command).getFileName().toString().equals("postgres"))
                        .orElse(false));
    }

    private static void stop(ProcessHandle postmaster, Path pgData) {
        log.warn("An embedded PostgreSQL (pid {}) is still running on {} after its server died; stopping it",
                postmaster.pid(), pgData);
        postmaster.destroy();
        try {
            postmaster.onExit().get(SHUTDOWN_BOUND.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("the orphaned embedded PostgreSQL (pid " + postmaster.pid() + ") on "
                    + pgData + " did not stop within " + SHUTDOWN_BOUND.toSeconds() + " s", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        log.info("The orphaned embedded PostgreSQL (pid {}) stopped", postmaster.pid());
    }
}
