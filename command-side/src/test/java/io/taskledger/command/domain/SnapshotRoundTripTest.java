package io.taskledger.command.domain;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.taskledger.api.command.AssignTaskCommand;
import io.taskledger.api.command.ReportAttemptCommand;
import io.taskledger.api.event.AttemptSucceeded;
import io.taskledger.api.event.TaskAssigned;
import io.taskledger.api.event.TaskSucceeded;
import io.taskledger.api.plan.SuccessBasis;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** Snapshots are the aggregate serialized with Jackson: it must come back with the same state and behaviour. */
class SnapshotRoundTripTest extends ProjectFixtureSupport {

    private final JacksonSerializer serializer = JacksonSerializer.builder()
            .objectMapper(new ObjectMapper().findAndRegisterModules()
                    .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES))
            .build();

    @Test
    void a_project_read_back_from_its_snapshot_decides_like_the_original() {
        Project original = projectWithS01InProgress();

        SerializedObject<byte[]> snapshot = serializer.serialize(original, byte[].class);
        Project restored = serializer.deserialize(snapshot);

        assertThat(new String(snapshot.getData(), StandardCharsets.UTF_8))
                .contains("\"P04-T01-S01\"", "\"IN_PROGRESS\"", "\"@coding-agent\"");
        assertThat(serializer.serialize(restored, byte[].class).getData()).isEqualTo(snapshot.getData());
        fixture.given(restored)
                .when(new ReportAttemptCommand(PROJECT, S01, 1, null, results(S01, true, true)))
                .expectEvents(new AttemptSucceeded(PROJECT, S01, 1, AGENT, results(S01, true, true)),
                        new TaskSucceeded(PROJECT, S01, SuccessBasis.CRITERIA_PASSED),
                        ready(S02));
    }

    private Project projectWithS01InProgress() {
        AtomicReference<Project> project = new AtomicReference<>();
        fixture.given(standardPlanWithS01Started())
                .when(new AssignTaskCommand(PROJECT, S02, OTHER_AGENT))
                .expectEvents(new TaskAssigned(PROJECT, S02, OTHER_AGENT, null))
                .expectState(project::set);
        createFixture();
        return project.get();
    }
}
