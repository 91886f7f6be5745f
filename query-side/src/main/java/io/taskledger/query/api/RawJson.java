package io.taskledger.query.api;

import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JacksonSerializable;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.jsontype.TypeSerializer;

/** JSON serialized once and kept: written out as it is wherever it stands in an answer. */
public class RawJson extends JacksonSerializable.Base {

    private final String json;

    public RawJson(String json) {
        this.json = json;
    }

    @Override
    public void serialize(JsonGenerator generator, SerializationContext context) {
        generator.writeRawValue(json);
    }

    @Override
    public void serializeWithType(JsonGenerator generator, SerializationContext context,
                                  TypeSerializer typeSerializer) {
        serialize(generator, context);
    }
}
