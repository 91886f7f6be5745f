package io.taskledger.query.api;

import io.taskledger.api.access.Caller;
import io.taskledger.api.access.GlobalRole;
import io.taskledger.api.error.ErrorCode;
import io.taskledger.api.error.TaskledgerException;
import io.taskledger.api.ids.ProjectId;
import io.taskledger.api.query.FindProjectInEventStoreQuery;
import io.taskledger.api.query.FindProjectVersionQuery;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProjectReadGateTest {

    private static final Caller VIEWER = new Caller("vic", GlobalRole.VIEWER);

    private final ProjectId projectId = ProjectId.random();
    private final AtomicInteger asked = new AtomicInteger();

    @Test
    void a_known_project_opens_at_once_when_no_version_is_asked() {
        assertThatCode(() -> gateAt(0, Duration.ofSeconds(5)).open(projectId, null, VIEWER)).doesNotThrowAnyException();
        assertThat(asked).hasValue(1);
    }

    @Test
    void an_unknown_project_is_not_found() {
        assertThatThrownBy(() -> gateAt(-1, Duration.ofSeconds(5)).open(projectId, null, VIEWER))
                .isInstanceOfSatisfying(TaskledgerException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.PROJECT_NOT_FOUND));
    }

    @Test
    void it_waits_until_the_read_model_reaches_the_version_asked() {
        ProjectReadGate gate = new ProjectReadGate(new StubAnswers()
                .answer(FindProjectVersionQuery.class, Long.class, query -> (long) asked.getAndIncrement())
                .queries(), Duration.ofSeconds(5), 8);

        gate.open(projectId, "3", VIEWER);

        assertThat(asked).as("versions 0, 1, 2, 3 seen").hasValue(4);
    }

    @Test
    void the_quoted_etag_of_a_command_is_accepted() {
        assertThatCode(() -> gateAt(7, Duration.ofSeconds(5)).open(projectId, "\"7\"", VIEWER)).doesNotThrowAnyException();
    }

    @Test
    void past_the_bound_the_read_model_is_behind() {
        long started = System.nanoTime();

        assertThatThrownBy(() -> gateAt(3, Duration.ofMillis(100)).open(projectId, "5", VIEWER))
                .isInstanceOfSatisfying(TaskledgerException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.READ_MODEL_BEHIND);
                    assertThat(e.getMessage()).contains("reflects version 3, not yet 5");
                });
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(100));
        assertThat(asked.get()).as("polled, not spun").isBetween(2, 12);
    }

    @Test
    void past_the_waiting_bound_a_read_is_answered_at_once_that_the_read_model_is_behind() throws Exception {
        ProjectReadGate gate = gateAt(3, Duration.ofMillis(500), 1);
        CompletableFuture<Void> waitingRead = CompletableFuture.runAsync(() -> gate.open(projectId, "5", VIEWER));
        while (asked.get() < 2) {
            Thread.onSpinWait();
        }
        long started = System.nanoTime();

        assertThatThrownBy(() -> gate.open(projectId, "5", VIEWER))
                .isInstanceOfSatisfying(TaskledgerException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.READ_MODEL_BEHIND);
                    assertThat(e.getMessage()).contains("1 reads already wait");
                });
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(400));
        assertThatThrownBy(waitingRead::join).hasCauseInstanceOf(TaskledgerException.class);

        assertThatThrownBy(() -> gate.open(projectId, "5", VIEWER))
                .as("the waiting read let go of its place")
                .isInstanceOfSatisfying(TaskledgerException.class,
                        e -> assertThat(e.getMessage()).contains("after waiting"));
    }

    @Test
    void a_project_hidden_from_the_caller_stays_not_found_even_when_a_version_is_asked() {
        assertThatThrownBy(() -> gateAt(-1, Duration.ofMillis(50)).open(projectId, "5", VIEWER))
                .isInstanceOfSatisfying(TaskledgerException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.PROJECT_NOT_FOUND));
    }

    @Test
    void a_project_the_read_model_does_not_show_yet_but_the_caller_may_see_is_behind_not_missing() {
        ProjectReadGate gate = new ProjectReadGate(new StubAnswers()
                .answer(FindProjectVersionQuery.class, Long.class, query -> -1L)
                .answer(FindProjectInEventStoreQuery.class, Boolean.class,
                        query -> query.projectId().equals(projectId) && query.viewer().equals(VIEWER))
                .queries(), Duration.ofMillis(50), 8);

        assertThatThrownBy(() -> gate.open(projectId, "1", VIEWER))
                .isInstanceOfSatisfying(TaskledgerException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.READ_MODEL_BEHIND);
                    assertThat(e.getMessage()).contains("does not show the project yet");
                });
        assertThatThrownBy(() -> gate.open(projectId, "1", new Caller("eve", GlobalRole.VIEWER)))
                .isInstanceOfSatisfying(TaskledgerException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.PROJECT_NOT_FOUND));
        assertThatThrownBy(() -> gate.open(ProjectId.random(), "1", VIEWER))
                .isInstanceOfSatisfying(TaskledgerException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.PROJECT_NOT_FOUND));
        assertThatThrownBy(() -> gate.open(projectId, null, VIEWER))
                .as("without a version asked, a read does not wait and the board's word stands")
                .isInstanceOfSatisfying(TaskledgerException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.PROJECT_NOT_FOUND));
    }

    @Test
    void a_version_that_is_not_a_number_is_refused() {
        for (String bad : new String[] {"abc", "-1", "1.5", ""}) {
            assertThatThrownBy(() -> gateAt(3, Duration.ofSeconds(5)).open(projectId, bad, VIEWER))
                    .isInstanceOfSatisfying(TaskledgerException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT);
                        assertThat(e.getMessage()).contains(ProjectReadGate.MIN_VERSION_HEADER);
                    });
        }
    }

    private ProjectReadGate gateAt(long version, Duration maxWait) {
        return gateAt(version, maxWait, 8);
    }

    private ProjectReadGate gateAt(long version, Duration maxWait, int maxWaiting) {
        return new ProjectReadGate(new StubAnswers()
                .answer(FindProjectVersionQuery.class, Long.class, query -> {
                    asked.incrementAndGet();
                    return version;
                })
                .answer(FindProjectInEventStoreQuery.class, Boolean.class, query -> false)
                .queries(), maxWait, maxWaiting);
    }
}
