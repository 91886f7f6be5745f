package io.taskledger.api.plan;

/** How an agent checks a success criterion; Taskledger records the agent's verdict, it does not run the check. */
public enum CriterionType {
    EXIT_CODE, FILE_EXISTS, FILE_CONTENT_MATCHES, OUTPUT_CONTAINS, HTTP_RESPONSE, UNIT_TEST_PASS
}
