package io.taskledger.projections.json;

import io.taskledger.api.plan.CriterionResult;
import jakarta.persistence.Converter;

@Converter
public class CriterionResultListConverter extends JsonListConverter<CriterionResult> {

    public CriterionResultListConverter() {
        super(CriterionResult.class);
    }
}
