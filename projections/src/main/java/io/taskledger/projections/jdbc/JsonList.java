package io.taskledger.projections.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.taskledger.api.ids.TaskKey;
import io.taskledger.api.plan.CriterionResult;
import io.taskledger.api.plan.Step;

import java.util.List;

/**
 * A list of published-language values stored as a JSON array in a text column. The read models always read and
 * write such lists whole, so a child table would only add joins.
 */
public final class JsonList<T> {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    public static final JsonList<Step> STEPS = new JsonList<>(Step.class);
    public static final JsonList<TaskKey> TASK_KEYS = new JsonList<>(TaskKey.class);
    public static final JsonList<CriterionResult> CRITERION_RESULTS = new JsonList<>(CriterionResult.class);

    private final JavaType listType;

    private JsonList(Class<T> elementType) {
        this.listType = MAPPER.getTypeFactory().constructCollectionType(List.class, elementType);
    }

    public String toJson(List<?> values) {
        try {
            return MAPPER.writeValueAsString(values == null ? List.of() : values);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + listType + " as JSON", e);
        }
    }

    public List<T> fromJson(String json) {
        if (json == null || json.equals("[]")) {  // most lists are empty: skip the parser
            return List.of();
        }
        try {
            return List.copyOf(MAPPER.<List<T>>readValue(json, listType));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read " + listType + " from the read model", e);
        }
    }
}
