package io.taskledger.projections.json;

import io.taskledger.api.plan.Step;
import jakarta.persistence.Converter;

@Converter
public class StepListConverter extends JsonListConverter<Step> {

    public StepListConverter() {
        super(Step.class);
    }
}
