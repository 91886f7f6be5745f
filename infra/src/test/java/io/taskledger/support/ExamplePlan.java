package io.taskledger.support;

/** The plan used across integration tests: the shape of the design brief's example, small enough to read. */
public final class ExamplePlan {

    private ExamplePlan() {
    }

    /**
     * P04 (phase)
     *   P04-T01: S01 (@coding-agent, 2 criteria, maxRetries 1, ESCALATE_TO_HUMAN), S02 after S01 (FAIL, no retries)
     *   P04-T02 after P04-T01: S01 (unassigned, 1 criterion)
     */
    public static String json() {
        return """
                {"phases":[{"key":"P04","title":"Backend Development","description":"Build the backend",
                  "tasks":[
                    {"key":"P04-T01","title":"Environment setup","subtasks":[
                      {"key":"P04-T01-S01","title":"Initialize environment","assignee":"@coding-agent",
                       "priority":"HIGH","maxRetries":1,"onFailure":"ESCALATE_TO_HUMAN",
                       "escalateTo":"@development-orchestrator-agent","timeoutMinutes":60,
                       "steps":[{"key":"P04-T01-S01-01","description":"Install dependencies","successCriteria":[
                         {"type":"EXIT_CODE","expected":"0"},
                         {"type":"FILE_EXISTS","expected":"package.json"}]}]},
                      {"key":"P04-T01-S02","title":"Configure linting","assignee":"@coding-agent",
                       "maxRetries":0,"onFailure":"FAIL","prerequisites":["P04-T01-S01"],
                       "steps":[{"key":"P04-T01-S02-01","description":"Run the linter","successCriteria":[
                         {"type":"OUTPUT_CONTAINS","expected":"0 problems"}]}]}]},
                    {"key":"P04-T02","title":"API skeleton","prerequisites":["P04-T01"],"subtasks":[
                      {"key":"P04-T02-S01","title":"Create the first endpoint",
                       "steps":[{"key":"P04-T02-S01-01","description":"Unit tests","successCriteria":[
                         {"type":"UNIT_TEST_PASS","expected":"ApiTest"}]}]}]}]}]}
                """;
    }
}
