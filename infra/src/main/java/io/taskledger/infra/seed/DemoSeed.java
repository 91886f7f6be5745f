package io.taskledger.infra.seed;

import io.taskledger.api.access.AccountKind;
import io.taskledger.api.access.Caller;
import io.taskledger.api.access.GlobalRole;
import io.taskledger.api.access.ProjectRole;
import io.taskledger.api.command.AddMemberCommand;
import io.taskledger.api.command.AttemptOpened;
import io.taskledger.api.command.CreateProjectCommand;
import io.taskledger.api.command.ImportPlanCommand;
import io.taskledger.api.command.ReportAttemptCommand;
import io.taskledger.api.command.StartTaskCommand;
import io.taskledger.api.ids.ProjectId;
import io.taskledger.api.ids.TaskKey;
import io.taskledger.api.plan.CriterionResult;
import io.taskledger.api.plan.Step;
import io.taskledger.api.plan.SuccessCriterion;
import io.taskledger.api.plan.TaskDefinition;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code taskledger.seed=demo}: the "Backend Development" phase of the DafnckMachine workflow document (converted once
 * into {@value #PLAN}, shipped in the jar) as project {@value #PROJECT_KEY}, with an account for every agent the plan
 * names, a manager who owns the project and an auditor, and part of the plan worked: three subtasks succeeded (one on
 * its second attempt) and one escalated after its last retry, waiting in the escalation inbox. Everything goes
 * through commands in the name of whoever would send them, so the demo has the audit trail of a real project.
 */
@Component
class DemoSeed {

    static final String PLAN = "seed/backend-development.plan.json";
    static final String PROJECT_KEY = "DEMO";
    static final String MANAGER = "demo-manager";
    static final String AUDITOR = "demo-auditor";

    private final SeedingCommands seeding;

    DemoSeed(SeedingCommands seeding) {
        this.seeding = seeding;
    }

    SeededProject seed() {
        List<TaskDefinition> plan = seeding.readPlan(DemoSeed.class.getClassLoader().getResourceAsStream(PLAN),
                "classpath:" + PLAN).toDefinitions();
        Map<String, String> opened = new LinkedHashMap<>();
        seeding.openAccount(MANAGER, "Demo manager", AccountKind.HUMAN, GlobalRole.MANAGER)
                .ifPresent(password -> opened.put(MANAGER, password));
        seeding.openAccount(AUDITOR, "Demo auditor", AccountKind.HUMAN, GlobalRole.AUDITOR)
                .ifPresent(password -> opened.put(AUDITOR, password));
        Set<String> agents = agentsNamedIn(plan);
        for (String agent : agents) {
            seeding.openAccount(agent, displayName(agent), AccountKind.AGENT, GlobalRole.AGENT)
                    .ifPresent(password -> opened.put(agent, password));
        }

        Caller manager = seeding.caller(MANAGER);
        ProjectId project = ProjectId.random();
        seeding.send(manager, new CreateProjectCommand(project, PROJECT_KEY, "DafnckMachine v3.1 backend",
                "Demo: the Backend Development phase (step 13) of the DafnckMachine v3.1 workflow, partly worked"));
        for (String agent : agents) {
            seeding.send(manager, new AddMemberCommand(project, agent, ProjectRole.AGENT));
        }
        seeding.send(manager, new ImportPlanCommand(project, plan));

        Work work = new Work(project, plan);
        work.succeed("P04-T01-S01");
        work.fail("P04-T01-S02", "P04-T01-S02-02", 3, "no match for /cors/ in src/app.js: CORS is not configured");
        work.succeed("P04-T01-S02");
        work.succeed("P04-T02-S01");
        TaskDefinition documentation = work.task("P04-T02-S02");
        for (int attempt = 0; attempt <= documentation.maxRetries(); attempt++) {
            work.fail("P04-T02-S02", "P04-T02-S02-03", 2,
                    "Specification incomplete: 3 of 41 endpoints have no response schema");
        }
        return new SeededProject(project, PROJECT_KEY, plan.size(), opened);
    }

    /** The plan's assignees and escalation targets that are agents' handles, in plan order. */
    static Set<String> agentsNamedIn(List<TaskDefinition> plan) {
        Set<String> agents = new LinkedHashSet<>();
        for (TaskDefinition task : plan) {
            for (String name : new String[] {task.assignee(), task.escalateTo()}) {
                if (name != null && name.startsWith("@")) {
                    agents.add(name);
                }
            }
        }
        return agents;
    }

    /** {@code @coding-agent} is "Coding agent". */
    private static String displayName(String handle) {
        String words = handle.substring(1).replace('-', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    /** Agents working their tasks: each attempt is started and reported by the task's assignee. */
    private final class Work {

        private final ProjectId project;
        private final Map<String, TaskDefinition> tasks;

        Work(ProjectId project, List<TaskDefinition> plan) {
            this.project = project;
            this.tasks = plan.stream().collect(Collectors.toMap(task -> task.key().value(), Function.identity()));
        }

        TaskDefinition task(String key) {
            return tasks.get(key);
        }

        /** An attempt in which every criterion passed. */
        void succeed(String key) {
            attempt(key, null, 0, null);
        }

        /** An attempt in which the {@code n}th criterion of the step failed, with what the agent saw. */
        void fail(String key, String stepKey, int n, String evidence) {
            attempt(key, stepKey, n, evidence);
        }

        private void attempt(String key, String failingStep, int failingCriterion, String failure) {
            TaskDefinition task = task(key);
            Caller agent = seeding.caller(task.assignee());
            TaskKey taskKey = task.key();
            AttemptOpened opened = seeding.send(agent, new StartTaskCommand(project, taskKey, agent.username()));
            List<CriterionResult> results = new ArrayList<>();
            for (Step step : task.steps()) {
                for (int n = 1; n <= step.successCriteria().size(); n++) {
                    boolean failed = step.key().equals(failingStep) && n == failingCriterion;
                    results.add(new CriterionResult(step.key() + "/" + n, !failed,
                            failed ? failure : evidenceOfPass(step.successCriteria().get(n - 1))));
                }
            }
            seeding.send(agent, new ReportAttemptCommand(project, taskKey, opened.attempt(), agent.username(),
                    results));
        }
    }

    private static String evidenceOfPass(SuccessCriterion criterion) {
        return switch (criterion.type()) {
            case EXIT_CODE -> "exit code " + criterion.expected();
            case FILE_EXISTS -> "found " + criterion.expected();
            case FILE_CONTENT_MATCHES -> "matched /" + criterion.expected() + "/";
            case OUTPUT_CONTAINS -> "output contained \"" + criterion.expected() + "\"";
            case HTTP_RESPONSE -> criterion.expected();
            case UNIT_TEST_PASS -> criterion.expected() + ": all tests passed";
        };
    }
}
