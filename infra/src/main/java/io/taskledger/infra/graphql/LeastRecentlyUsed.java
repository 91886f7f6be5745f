package io.taskledger.infra.graphql;

import java.util.LinkedHashMap;
import java.util.Map;

/** A map that keeps at most so many entries, dropping the least recently used first; not thread-safe. */
final class LeastRecentlyUsed {

    private LeastRecentlyUsed() {
    }

    static <K, V> Map<K, V> atMost(int entries) {
        return new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > entries;
            }
        };
    }
}
