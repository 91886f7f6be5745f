package io.taskledger.projections.board;

import io.taskledger.api.access.Caller;
import io.taskledger.api.access.GlobalRole;
import io.taskledger.api.error.ErrorCode;
import io.taskledger.api.error.TaskledgerException;
import io.taskledger.api.ids.ProjectId;
import io.taskledger.api.ids.ProjectVersion;
import io.taskledger.api.query.ProjectScope;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Who may read a project and read-your-writes, decided where every project-scoped query is answered. */
class ProjectReadAccessTest {

    private static final Caller VIEWER = new Caller("vic", GlobalRole.VIEWER);

    private final ProjectId projectId = ProjectId.random();
    private final AtomicInteger asked = new AtomicInteger();

    @Test
    void a_known_project_opens_at_once_when_no_version_is_asked() {
        assertThatCode(() -> gateAt(0, Duration.ofSeconds(5)).open(scope(null))).doesNotThrowAnyException();
        assertThat(asked).hasValue(1);
    }

    @Test
    void an_unknown_project_is_not_found() {
        assertThatThrownBy(() -> gateAt(-1, Duration.ofSeconds(5)).open(scope(null)))
                .isInstanceOfSatisfying(TaskledgerException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.PROJECT_NOT_FOUND));
    }

    @Test
    void it_waits_until_the_read_model_reaches_the_version_asked() {
        ProjectReadAccess gate = new ProjectReadAccess(
                (project, viewer) -> Optional.of((long) asked.getAndIncrement()), (project, viewer) -> false,
                Duration.ofSeconds(5), 8);

        gate.open(scope("3"));

        assertThat(asked).as("versions 0, 1, 2, 3 seen").hasValue(4);
    }

    @Test
    void the_quoted_etag_of_a_command_is_accepted() {
        assertThatCode(() -> gateAt(7, Duration.ofSeconds(5)).open(scope("\"7\""))).doesNotThrowAnyException();
    }

    @Test
    void past_the_bound_the_read_model_is_behind() {
        long started = System.nanoTime();

        assertThatThrownBy(() -> gateAt(3, Duration.ofMillis(100)).open(scope("5")))
                .isInstanceOfSatisfying(TaskledgerException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.READ_MODEL_BEHIND);
                    assertThat(e.getMessage()).contains("reflects version 3, not yet 5");
                });
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(100));
        assertThat(asked.get()).as("polled, not spun").isBetween(2, 12);
    }

    @Test
    void past_the_waiting_bound_a_read_is_answered_at_once_that_the_read_model_is_behind() throws Exception {
        ProjectReadAccess gate = gateAt(3, Duration.ofMillis(500), 1);
        CompletableFuture<Void> waitingRead = CompletableFuture.runAsync(() -> gate.open(scope("5")));
        while (asked.get() < 2) {
            Thread.onSpinWait();
        }
        long started = System.nanoTime();

        assertThatThrownBy(() -> gate.open(scope("5")))
                .isInstanceOfSatisfying(TaskledgerException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.READ_MODEL_BEHIND);
                    assertThat(e.getMessage()).contains("1 reads already wait");
                });
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(400));
        assertThatThrownBy(waitingRead::join).hasCauseInstanceOf(TaskledgerException.class);

        assertThatThrownBy(() -> gate.open(scope("5")))
                .as("the waiting read let go of its place")
                .isInstanceOfSatisfying(TaskledgerException.class,
                        e -> assertThat(e.getMessage()).contains("after waiting"));
    }

    @Test
    void a_project_hidden_from_the_caller_stays_not_found_even_when_a_version_is_asked() {
        assertThatThrownBy(() -> gateAt(-1, Duration.ofMillis(50)).open(scope("5")))
                .isInstanceOfSatisfying(TaskledgerException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.PROJECT_NOT_FOUND));
    }

    @Test
    void a_project_the_read_model_does_not_show_yet_but_the_caller_may_see_is_behind_not_missing() {
        ProjectReadAccess gate = new ProjectReadAccess((project, viewer) -> Optional.empty(),
                (project, viewer) -> project.equals(projectId) && viewer.equals(VIEWER), Duration.ofMillis(50), 8);

        assertThatThrownBy(() -> gate.open(scope("1")))
                .isInstanceOfSatisfying(TaskledgerException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.READ_MODEL_BEHIND);
                    assertThat(e.getMessage()).contains("does not show the project yet");
                });
        assertThatThrownBy(() -> gate.open(new ProjectScope(projectId, new Caller("eve", GlobalRole.VIEWER),
                        ProjectVersion.of(1))))
                .isInstanceOfSatisfying(TaskledgerException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.PROJECT_NOT_FOUND));
        assertThatThrownBy(() -> gate.open(new ProjectScope(ProjectId.random(), VIEWER, ProjectVersion.of(1))))
                .isInstanceOfSatisfying(TaskledgerException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.PROJECT_NOT_FOUND));
        assertThatThrownBy(() -> gate.open(scope(null)))
                .as("without a version asked, a read does not wait and the board's word stands")
                .isInstanceOfSatisfying(TaskledgerException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.PROJECT_NOT_FOUND));
    }

    /** As the HTTP layer makes it: the header parsed once, into a version. */
    private ProjectScope scope(String minVersionHeader) {
        return new ProjectScope(projectId, VIEWER, ProjectVersion.fromHeader("X-Min-Version", minVersionHeader));
    }

    private ProjectReadAccess gateAt(long version, Duration maxWait) {
        return gateAt(version, maxWait, 8);
    }

    private ProjectReadAccess gateAt(long version, Duration maxWait, int maxWaiting) {
        return new ProjectReadAccess((project, viewer) -> {
            asked.incrementAndGet();
            return version < 0 ? Optional.empty() : Optional.of(version);
        }, (project, viewer) -> false, maxWait, maxWaiting);
    }
}
