package io.taskledger.infra.axon;

import org.junit.jupiter.api.Test;

import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class BoundedAggregateCacheTest {

    @Test
    void cached_aggregates_survive_garbage_collection() {
        BoundedAggregateCache cache = new BoundedAggregateCache(10);
        cache.put("project-1", new StringBuilder("state only the cache holds"));

        System.gc();

        assertThat(cache.<String, StringBuilder>get("project-1")).hasToString("state only the cache holds");
    }

    @Test
    void it_holds_at_most_its_maximum_number_of_aggregates() {
        BoundedAggregateCache cache = new BoundedAggregateCache(50);

        IntStream.range(0, 500).forEach(i -> cache.put("project-" + i, i));

        long held = IntStream.range(0, 500).filter(i -> cache.containsKey("project-" + i)).count();
        assertThat(held).isLessThanOrEqualTo(50).isPositive();
    }

    @Test
    void a_removed_aggregate_is_loaded_again_next_time() {
        BoundedAggregateCache cache = new BoundedAggregateCache(10);
        cache.put("project-1", "before the rollback");

        assertThat(cache.remove("project-1")).isTrue();

        assertThat(cache.<String>computeIfAbsent("project-1", () -> "reloaded")).isEqualTo("reloaded");
        assertThat(cache.putIfAbsent("project-1", "other")).isFalse();
    }
}
