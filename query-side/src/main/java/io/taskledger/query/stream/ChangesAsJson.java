package io.taskledger.query.stream;

import tools.jackson.databind.ObjectMapper;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Each change serialized once, whatever the number of streams that send it: the feed hands the same change to every
 * stream of its project, each stream's thread asks for its JSON, and the first one's serialization serves the others.
 * Keeps the most recent changes only (a change is sent within moments of its arrival; a late one is serialized again).
 */
final class ChangesAsJson {

    private static final int RECENT = 4096;

    private final ObjectMapper json;
    private final Map<Object, String> recent = new LinkedHashMap<>(RECENT * 2, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Object, String> eldest) {
            return size() > RECENT;
        }
    };

    ChangesAsJson(ObjectMapper json) {
        this.json = json;
    }

    String of(Object change) {
        synchronized (recent) {
            String kept = recent.get(change);
            if (kept != null) {
                return kept;
            }
        }
        String serialized = json.writeValueAsString(change);
        synchronized (recent) {
            recent.put(change, serialized);
        }
        return serialized;
    }
}
