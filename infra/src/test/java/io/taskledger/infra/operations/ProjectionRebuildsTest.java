package io.taskledger.infra.operations;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.taskledger.api.error.ErrorCode;
import io.taskledger.api.error.TaskledgerException;
import io.taskledger.projections.ProjectionRebuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Rebuilds run per projection: each with its own progress and gauge, one at a time per projection. */
class ProjectionRebuildsTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final HeldRebuilder board = new HeldRebuilder("task-board", List.of("p1", "p2", "p3"));
    private final HeldRebuilder directory = new HeldRebuilder("user-directory", List.of("ann", "bob"));
    private final ProjectionRebuilds rebuilds = new ProjectionRebuilds(List.of(board, directory), meters, 1);

    @AfterEach
    void stop() {
        board.release.countDown();
        directory.release.countDown();
        rebuilds.stop();
    }

    @Test
    void each_rebuildable_projection_runs_its_own_rebuild_with_its_own_progress_and_gauge() throws Exception {
        assertThat(rebuilds.rebuildable()).containsExactly("task-board", "user-directory");
        assertThat(rebuilds.start("task-board")).isEqualTo(new ProjectionRebuilds.Progress(true, 0, 3, null));
        assertThat(rebuilds.start("user-directory")).as("another projection's rebuild runs beside it")
                .isEqualTo(new ProjectionRebuilds.Progress(true, 0, 2, null));

        directory.release.countDown();
        await(() -> !rebuilds.progressOf("user-directory").running());

        assertThat(directory.rebuilt).containsExactly("ann", "bob");
        assertThat(rebuilds.progressOf("user-directory")).isEqualTo(new ProjectionRebuilds.Progress(false, 2, 2, null));
        assertThat(rebuilds.progressOf("task-board").running()).isTrue();
        assertThat(gauge("user-directory")).isEqualTo(100.0);
        assertThat(gauge("task-board")).isLessThan(100.0);
        board.release.countDown();
        await(() -> !rebuilds.progressOf("task-board").running());
        assertThat(board.rebuilt).containsExactly("p1", "p2", "p3");
        assertThat(gauge("task-board")).isEqualTo(100.0);
    }

    @Test
    void a_second_rebuild_of_a_running_projection_is_refused() {
        rebuilds.start("task-board");

        assertThatThrownBy(() -> rebuilds.start("task-board"))
                .isInstanceOfSatisfying(TaskledgerException.class,
                        refused -> assertThat(refused.code()).isEqualTo(ErrorCode.REBUILD_RUNNING));
    }

    @Test
    void a_projection_without_a_rebuilder_is_refused_naming_the_rebuildable_ones() {
        assertThatThrownBy(() -> rebuilds.start("account-sessions"))
                .isInstanceOfSatisfying(TaskledgerException.class,
                        refused -> assertThat(refused.code()).isEqualTo(ErrorCode.PROJECTION_NOT_FOUND))
                .hasMessageContaining("task-board, user-directory");
        assertThat(rebuilds.isRebuildable("account-sessions")).isFalse();
        assertThat(rebuilds.progressOf("account-sessions")).isNull();
    }

    @Test
    void a_failed_rebuild_says_why_and_how_far_it_got() {
        directory.failOn = "bob";
        directory.release.countDown();
        rebuilds.start("user-directory");

        await(() -> !rebuilds.progressOf("user-directory").running());

        assertThat(rebuilds.progressOf("user-directory"))
                .isEqualTo(new ProjectionRebuilds.Progress(false, 1, 2, "bob has no registration"));
    }

    @Test
    void several_threads_rebuild_every_aggregate_exactly_once() {
        List<String> projects = java.util.stream.IntStream.range(0, 200).mapToObj(i -> "p" + i).toList();
        HeldRebuilder many = new HeldRebuilder("task-board", projects);
        many.release.countDown();
        ProjectionRebuilds parallel = new ProjectionRebuilds(List.of(many), new SimpleMeterRegistry(), 4);
        try {
            parallel.start("task-board");

            await(() -> !parallel.progressOf("task-board").running());

            assertThat(parallel.progressOf("task-board")).isEqualTo(new ProjectionRebuilds.Progress(false, 200, 200,
                    null));
            assertThat(many.rebuilt).hasSize(200).containsExactlyInAnyOrderElementsOf(projects);
        } finally {
            parallel.stop();
        }
    }

    private double gauge(String projection) {
        return meters.get(ProjectionRebuilds.PROGRESS_METRIC).tag("projection", projection).gauge().value();
    }

    private static void await(java.util.function.BooleanSupplier done) {
        long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!done.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 5 s").isLessThan(until);
            Thread.onSpinWait();
        }
    }

    /** Rebuilds nothing until released; remembers what it rebuilt. */
    private static final class HeldRebuilder implements ProjectionRebuilder {

        private final String projection;
        private final List<String> keys;
        private final CountDownLatch release = new CountDownLatch(1);
        private final List<String> rebuilt = new CopyOnWriteArrayList<>();
        private volatile String failOn;

        HeldRebuilder(String projection, List<String> keys) {
            this.projection = projection;
            this.keys = keys;
        }

        @Override
        public String projection() {
            return projection;
        }

        @Override
        public List<String> keys() {
            return keys;
        }

        @Override
        public void checkReadable() {
        }

        @Override
        public void rebuild(String key) {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            if (key.equals(failOn)) {
                throw new IllegalStateException(key + " has no registration");
            }
            rebuilt.add(key);
        }
    }
}
