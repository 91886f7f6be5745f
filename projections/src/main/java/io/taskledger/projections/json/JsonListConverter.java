package io.taskledger.projections.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.persistence.AttributeConverter;

import java.util.List;

/**
 * Stores a list of published-language values as a JSON array in a text column. The read models always read and
 * write such lists whole, so a child table would only add joins.
 */
public abstract class JsonListConverter<T> implements AttributeConverter<List<T>, String> {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final JavaType listType;

    protected JsonListConverter(Class<T> elementType) {
        this.listType = MAPPER.getTypeFactory().constructCollectionType(List.class, elementType);
    }

    @Override
    public String convertToDatabaseColumn(List<T> values) {
        try {
            return MAPPER.writeValueAsString(values == null ? List.of() : values);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + listType + " as JSON", e);
        }
    }

    @Override
    public List<T> convertToEntityAttribute(String json) {
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
