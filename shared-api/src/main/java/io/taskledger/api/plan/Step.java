package io.taskledger.api.plan;

import java.util.ArrayList;
import java.util.List;

/** A step of a task, with the criteria that tell whether it was done. */
public record Step(String key, String description, List<SuccessCriterion> successCriteria) {

    public Step {
        successCriteria = successCriteria == null ? List.of() : List.copyOf(successCriteria);
    }

    /** The names of this step's criteria, {@code <stepKey>/1}, {@code <stepKey>/2}, ... */
    public List<String> criterionNames() {
        List<String> names = new ArrayList<>();
        for (int n = 1; n <= successCriteria.size(); n++) {
            names.add(key + "/" + n);
        }
        return names;
    }
}
