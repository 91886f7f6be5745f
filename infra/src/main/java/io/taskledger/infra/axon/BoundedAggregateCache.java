package io.taskledger.infra.axon;

import com.github.benmanes.caffeine.cache.Caffeine;
import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;

import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Axon's aggregate cache on Caffeine, holding the most recently used aggregates up to a fixed count. Axon's own
 * {@code WeakReferenceCache} loses its entries at every garbage collection, which under load means nearly every
 * command reloaded its project anyway (measured in docs/benchmarks.md).
 */
public final class BoundedAggregateCache implements Cache {

    private final ConcurrentMap<Object, Object> entries;

    public BoundedAggregateCache(long maximumSize) {
        // Eviction runs in the thread that adds an entry: cheap, and the bound holds as soon as put returns.
        this.entries = Caffeine.newBuilder().maximumSize(maximumSize).executor(Runnable::run).build().asMap();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K, V> V get(K key) {
        return (V) entries.get(key);
    }

    @Override
    public void put(Object key, Object value) {
        entries.put(key, value);
    }

    @Override
    public boolean putIfAbsent(Object key, Object value) {
        return entries.putIfAbsent(key, value) == null;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T computeIfAbsent(Object key, Supplier<T> valueSupplier) {
        return (T) entries.computeIfAbsent(key, absent -> valueSupplier.get());
    }

    @Override
    @SuppressWarnings("unchecked")
    public <V> void computeIfPresent(Object key, UnaryOperator<V> update) {
        entries.computeIfPresent(key, (present, value) -> update.apply((V) value));
    }

    @Override
    public boolean remove(Object key) {
        return entries.remove(key) != null;
    }

    @Override
    public void removeAll() {
        entries.clear();
    }

    @Override
    public boolean containsKey(Object key) {
        return entries.containsKey(key);
    }

    /** Nothing in Taskledger listens to cache entries; Axon's repositories do not either. */
    @Override
    public Registration registerCacheEntryListener(EntryListener cacheEntryListener) {
        throw new UnsupportedOperationException("the aggregate cache takes no entry listeners");
    }
}
