package io.taskledger.contract;

import io.taskledger.api.account.AccountEvent;
import io.taskledger.api.event.ProjectEvent;
import io.taskledger.infra.axon.AxonConfiguration;
import org.axonframework.serialization.Revision;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AssignableTypeFilter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pins the serialized form of every event: a change to an event's JSON is a change to the stored contract and must
 * be seen (and come with a new revision and an upcaster). To approve a deliberate change, delete the approved file
 * and run the test once: it writes the new form and fails, asking for review.
 */
class EventContractApprovalTest {

    private static final Path APPROVED = Path.of("src/test/resources/approved-events");

    private final JacksonSerializer serializer = JacksonSerializer.builder()
            .objectMapper(AxonConfiguration.axonObjectMapper())
            .build();

    @Test
    void every_event_has_a_revision_and_an_approved_sample() {
        Set<Class<?>> events = eventClasses();

        assertThat(events).isNotEmpty();
        assertThat(events).allSatisfy(event -> assertThat(event.getAnnotation(Revision.class))
                .as(event.getSimpleName() + " has @Revision").isNotNull());
        assertThat(EventSamples.all().keySet()).containsExactlyInAnyOrderElementsOf(events);
    }

    @Test
    void serialized_events_match_their_approved_form_and_read_back_equal() throws IOException {
        Files.createDirectories(APPROVED);
        List<String> written = new ArrayList<>();
        for (Map.Entry<Class<?>, Object> sample : EventSamples.all().entrySet()) {
            SerializedObject<String> serialized = serializer.serialize(sample.getValue(), String.class);
            String json = serializer.getObjectMapper().readTree(serialized.getData()).toPrettyString() + "\n";
            Path approved = APPROVED.resolve(sample.getKey().getSimpleName() + ".json");
            if (!Files.exists(approved)) {
                Files.writeString(approved, json, StandardCharsets.UTF_8);
                written.add(approved.toString());
                continue;
            }
            assertThat(json).as(sample.getKey().getSimpleName())
                    .isEqualTo(Files.readString(approved, StandardCharsets.UTF_8));
            assertThat(serialized.getType().getRevision())
                    .isEqualTo(sample.getKey().getAnnotation(Revision.class).value());
            Object readBack = serializer.deserialize(serialized);
            assertThat(readBack).isEqualTo(sample.getValue());
        }
        assertThat(written).as("events without an approved form; their current form was written: review it")
                .isEmpty();
    }

    private static Set<Class<?>> eventClasses() {
        var scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AssignableTypeFilter(ProjectEvent.class));
        scanner.addIncludeFilter(new AssignableTypeFilter(AccountEvent.class));
        return scanner.findCandidateComponents("io.taskledger.api").stream()
                .map(bean -> {
                    try {
                        return (Class<?>) Class.forName(bean.getBeanClassName());
                    } catch (ClassNotFoundException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .filter(type -> !type.isInterface())
                .collect(Collectors.toSet());
    }
}
