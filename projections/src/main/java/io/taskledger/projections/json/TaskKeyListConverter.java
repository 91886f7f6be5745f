package io.taskledger.projections.json;

import io.taskledger.api.ids.TaskKey;
import jakarta.persistence.Converter;

@Converter
public class TaskKeyListConverter extends JsonListConverter<TaskKey> {

    public TaskKeyListConverter() {
        super(TaskKey.class);
    }
}
