package io.taskledger.api;

import io.taskledger.support.ApiClient.Response;
import io.taskledger.support.IntegrationTest;
import io.taskledger.support.Projects;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

import static io.taskledger.support.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

/** The key check and the registry insert run in the creating command's transaction: a race has one winner. */
class ProjectKeyRaceTest extends IntegrationTest {

    @Test
    void concurrent_creations_of_one_key_create_exactly_one_project() {
        ExecutorService racers = Executors.newFixedThreadPool(8);
        for (int round = 0; round < 5; round++) {
            String key = Projects.uniqueKey();
            CountDownLatch go = new CountDownLatch(1);
            List<CompletableFuture<Response>> attempts = IntStream.range(0, 8)
                    .mapToObj(i -> CompletableFuture.supplyAsync(() -> {
                        await(go);
                        return api.post("/api/projects", json("key", key, "name", "racer " + i));
                    }, racers))
                    .toList();
            go.countDown();
            List<Response> responses = attempts.stream().map(CompletableFuture::join).toList();

            assertThat(responses).filteredOn(r -> r.status() == 201).hasSize(1);
            assertThat(responses).filteredOn(r -> r.status() != 201).allSatisfy(r -> {
                assertThat(r.status()).as(r.toString()).isEqualTo(409);
                assertThat(r.json().get("code").asText()).isEqualTo("DUPLICATE_PROJECT_KEY");
            });
            Integer stored = jdbc.queryForObject(
                    "SELECT count(*) FROM domain_event_entry WHERE payload_type LIKE '%ProjectCreated' "
                            + "AND convert_from(payload, 'UTF8') LIKE ?", Integer.class, "%\"" + key + "\"%");
            assertThat(stored).as("no event of a losing creation was stored").isEqualTo(1);
        }
        racers.shutdownNow();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
