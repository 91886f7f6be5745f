package io.taskledger.infra.persistence;

import com.fasterxml.jackson.databind.JsonNode;
import io.taskledger.support.ApiClient;
import io.taskledger.support.ProjectEvents;
import io.taskledger.support.ServerChild;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.taskledger.support.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The default single-node setup after {@code kill -9}: the server's JVM dies under command load, its embedded
 * PostgreSQL (a process of its own) outlives it, and the next start must stop that orphan and come up with every
 * acknowledged command in the event store. Needs servers of its own (child JVMs), since it kills one.
 */
class KilledServerRecoveryTest {

    private static final int WRITERS = 4;
    private static final int ACKNOWLEDGED_BEFORE_KILL = 40;

    @TempDir
    Path dataDir;

    @Test
    void a_start_after_kill_9_stops_the_orphaned_postgres_and_keeps_every_acknowledged_command() throws Exception {
        Path logs = Path.of("target", "child-servers");
        List<String> settings = List.of("--taskledger.data-dir=" + dataDir.toAbsolutePath());
        Path pidFile = dataDir.resolve("postgres").resolve("postmaster.pid");
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        String projectId;
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        AtomicBoolean writing = new AtomicBoolean(true);
        try {
            try (ServerChild first = ServerChild.start(logs.resolve("killed-first.log"), settings)) {
                ApiClient admin = first.admin();
                ApiClient.Response created = admin.post("/api/projects",
                        json("key", "KILL9", "name", "Killed under load", "description", "kill -9 recovery"));
                assertThat(created.status()).as(created.toString()).isEqualTo(201);
                projectId = created.json().get("id").asText();
                for (int writer = 0; writer < WRITERS; writer++) {
                    int id = writer;
                    writers.submit(() -> addPhasesUntilStopped(admin, projectId, id, writing, acknowledged));
                }
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (acknowledged.size() < ACKNOWLEDGED_BEFORE_KILL && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(ACKNOWLEDGED_BEFORE_KILL);
                // Commands are still in flight when the JVM dies.
                first.kill();
                writing.set(false);
                writers.shutdown();
                assertThat(writers.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
            }

            Optional<ProcessHandle> orphan = postmasterOf(pidFile);
            assertThat(orphan).as("the embedded PostgreSQL outlives its killed server").isPresent();

            try (ServerChild second = ServerChild.start(logs.resolve("killed-second.log"), settings)) {
                assertThat(orphan.get().isAlive()).as("the orphan was stopped").isFalse();
                Set<String> stored = addedTaskKeys(second.admin(), projectId);
                assertThat(stored).containsAll(acknowledged);
                assertThat(second.admin().post("/api/projects/" + projectId + "/tasks",
                        json("key", "AFTER", "level", "PHASE", "title", "after the restart")).status())
                        .isEqualTo(201);
            }
        } finally {
            writing.set(false);
            writers.shutdownNow();
            // Whatever failed above, no postgres process is left behind.
            OrphanedPostmaster.stopIfAny(dataDir.resolve("postgres"));
        }
    }

    private static void addPhasesUntilStopped(ApiClient admin, String projectId, int writer, AtomicBoolean writing,
                                              Set<String> acknowledged) {
        for (int n = 0; writing.get(); n++) {
            String key = "W" + writer + "-" + n;
            try {
                ApiClient.Response added = admin.post("/api/projects/" + projectId + "/tasks",
                        json("key", key, "level", "PHASE", "title", "phase " + key));
                if (added.status() == 201) {
                    acknowledged.add(key);
                }
            } catch (RuntimeException connectionLost) {
                return;
            }
        }
    }

    /** The keys of every TaskAdded event in the project's stream, whose sequence numbers have no gap. */
    private static Set<String> addedTaskKeys(ApiClient admin, String projectId) {
        Set<String> keys = new HashSet<>();
        List<JsonNode> events = ProjectEvents.all(admin, projectId);
        for (int i = 0; i < events.size(); i++) {
            assertThat(events.get(i).get("sequence").asLong()).isEqualTo(i);
            if (events.get(i).get("type").asText().equals("TaskAdded")) {
                keys.add(events.get(i).get("payload").path("task").path("key").asText());
            }
        }
        return keys;
    }

    private static Optional<ProcessHandle> postmasterOf(Path pidFile) throws Exception {
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).strip());
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
    }
}
