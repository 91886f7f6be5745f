package io.taskledger.infra.seed;

import com.fasterxml.jackson.databind.JsonNode;
import io.taskledger.support.ExamplePlan;
import io.taskledger.support.IntegrationTest;
import io.taskledger.support.Projects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.StreamSupport;

import static io.taskledger.support.Eventually.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code taskledger.seed=file:/path/plan.json}, run as a start runs it, on the shared integration context. */
@ExtendWith(OutputCaptureExtension.class)
class PlanFileSeedTest extends IntegrationTest {

    @Autowired
    private SeedRuns runs;
    @Autowired
    private DemoSeed demo;
    @Autowired
    private SeedingCommands seeding;

    @Test
    void a_plan_file_becomes_a_project_of_admin_once(@TempDir Path directory, CapturedOutput output)
            throws Exception {
        accounts.agent("@coding-agent");
        String key = Projects.uniqueKey();
        Path file = Files.writeString(directory.resolve(key.toLowerCase() + ".plan.json"), ExamplePlan.json());
        StartupSeed seed = new StartupSeed("file:" + file, runs, demo, seeding);

        seed.run();

        assertThat(output.getAll()).contains("Data seeded (file:" + file + "): project " + key);
        // The board follows the events asynchronously: the import is the seed's last command.
        JsonNode project = await(Duration.ofSeconds(10), () -> projectWithKey(key),
                found -> found != null && found.get("taskCount").asInt() == 6);
        String id = project.get("id").asText();
        JsonNode members = api.get("/api/projects/" + id + "/members").json();
        assertThat(StreamSupport.stream(members.spliterator(), false)
                .map(member -> member.get("username").asText() + ":" + member.get("role").asText()))
                .containsExactlyInAnyOrder("admin:OWNER", "@coding-agent:AGENT");
        long version = project.get("version").asLong();

        seed.run();

        assertThat(output.getAll()).contains("Data already seeded (file:" + file + " on ");
        assertThat(api.get("/api/projects/" + id).json().get("version").asLong()).isEqualTo(version);
        assertThat(jdbc.queryForObject("select count(*) from board_project where project_key = ?", Integer.class, key))
                .isEqualTo(1);
    }

    @Test
    void an_unreadable_plan_file_fails_the_start_and_claims_nothing(@TempDir Path directory) throws Exception {
        Path file = Files.writeString(directory.resolve(Projects.uniqueKey() + ".json"), "{\"phases\":[{\"key\":\"P1\"}]}");
        StartupSeed seed = new StartupSeed("file:" + file, runs, demo, seeding);

        assertThatThrownBy(() -> seed.run())
                .hasMessageContaining("title");
        assertThat(runs.find("file:" + file)).isEmpty();
        assertThatThrownBy(() -> new StartupSeed("demo-data", runs, demo, seeding)
                .run())
                .hasMessageContaining("must be 'demo' or 'file:'");
    }

    private JsonNode projectWithKey(String key) {
        for (JsonNode project : api.get("/api/projects").json()) {
            if (project.get("key").asText().equals(key)) {
                return project;
            }
        }
        return null;
    }
}
