package io.taskledger.api.graphql;

import io.taskledger.api.access.AccountKind;
import io.taskledger.api.access.GlobalRole;
import io.taskledger.api.access.ProjectRole;
import io.taskledger.api.plan.AttemptFailureReason;
import io.taskledger.api.plan.CriterionType;
import io.taskledger.api.plan.EscalationDecision;
import io.taskledger.api.plan.FailurePolicy;
import io.taskledger.api.plan.Priority;
import io.taskledger.api.plan.TaskLevel;
import io.taskledger.api.plan.TaskStatus;
import io.taskledger.support.ApiClient.Response;
import io.taskledger.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/schema.graphqls is the GraphQL reference; it must be exactly the schema the server serves. After a deliberate
 * change, regenerate it with {@code ./mvnw verify -Dtaskledger.graphql-schema.update=true} and review the diff.
 */
class GraphQlSchemaTest extends IntegrationTest {

    private static final Path DOCUMENT = Path.of("../docs/schema.graphqls");
    private static final List<Class<? extends Enum<?>>> PUBLISHED_ENUMS = List.of(TaskStatus.class, TaskLevel.class,
            Priority.class, FailurePolicy.class, CriterionType.class, AttemptFailureReason.class,
            EscalationDecision.class, GlobalRole.class, ProjectRole.class, AccountKind.class);

    @Test
    void the_committed_schema_equals_what_the_server_serves() throws Exception {
        Response served = api.get("/graphql/schema");
        assertThat(served.status()).as(served.toString()).isEqualTo(200);

        if (Boolean.getBoolean("taskledger.graphql-schema.update") || !Files.exists(DOCUMENT)) {
            Files.writeString(DOCUMENT, served.body(), StandardCharsets.UTF_8);
        }

        assertThat(served.body()).isEqualTo(Files.readString(DOCUMENT, StandardCharsets.UTF_8));
        assertThat(anonymous.get("/graphql/schema").status()).isEqualTo(401);
    }

    @Test
    void every_enum_of_the_schema_has_exactly_the_values_of_its_java_twin() {
        String schema = api.get("/graphql/schema").body();
        for (Class<? extends Enum<?>> type : PUBLISHED_ENUMS) {
            Matcher declared = Pattern.compile("enum " + type.getSimpleName() + " \\{([^}]*)}").matcher(schema);
            assertThat(declared.find()).as("enum " + type.getSimpleName() + " in the schema").isTrue();
            List<String> values = Arrays.stream(declared.group(1).trim().split("\\s+")).toList();
            assertThat(values).as(type.getSimpleName())
                    .containsExactlyInAnyOrderElementsOf(Arrays.stream(type.getEnumConstants()).map(Enum::name).toList());
        }
    }
}
