package io.taskledger.command.domain;

import io.taskledger.api.error.ErrorCode;
import io.taskledger.api.error.TaskledgerException;
import io.taskledger.api.event.AttemptSucceeded;
import io.taskledger.api.event.ContainerStarted;
import io.taskledger.api.event.ProjectCreated;
import io.taskledger.api.event.TaskAdded;
import io.taskledger.api.event.TaskBecameReady;
import io.taskledger.api.event.TaskStarted;
import io.taskledger.api.event.TaskSucceeded;
import io.taskledger.api.ids.ProjectId;
import io.taskledger.api.ids.TaskKey;
import io.taskledger.api.plan.CriterionResult;
import io.taskledger.api.plan.CriterionType;
import io.taskledger.api.plan.FailurePolicy;
import io.taskledger.api.plan.Priority;
import io.taskledger.api.plan.Step;
import io.taskledger.api.plan.SuccessBasis;
import io.taskledger.api.plan.SuccessCriterion;
import io.taskledger.api.plan.TaskDefinition;
import io.taskledger.api.plan.TaskLevel;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;
import org.junit.jupiter.api.BeforeEach;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A fixture over the Project aggregate and a standard plan:
 * <pre>
 * 1 P04              PHASE    READY
 * 2 P04-T01          TASK     READY
 * 3 P04-T01-S01      SUBTASK  READY    criteria P04-T01-S01-01/1, /2
 * 4 P04-T01-S02      SUBTASK  PENDING  requires P04-T01-S01
 * 5 P05              PHASE    PENDING  requires P04
 * 6 P05-T01          TASK     PENDING
 * 7 P05-T01-S01      SUBTASK  PENDING
 * </pre>
 * The standard plan's events end at version 10.
 */
abstract class ProjectFixtureSupport {

    static final ProjectId PROJECT = ProjectId.of("2b7c1f0e-8f3a-4d56-9a7e-1c2d3e4f5a6b");
    static final Instant NOW = Instant.parse("2026-01-05T09:00:00Z");
    static final String AGENT = "@coding-agent";
    static final String OTHER_AGENT = "@review-agent";
    /** Usernames starting with this are no enabled account. */
    static final String UNKNOWN_ACCOUNT = "ghost";

    static final TaskKey P04 = TaskKey.of("P04");
    static final TaskKey P04_T01 = TaskKey.of("P04-T01");
    static final TaskKey S01 = TaskKey.of("P04-T01-S01");
    static final TaskKey S02 = TaskKey.of("P04-T01-S02");
    static final TaskKey P05 = TaskKey.of("P05");
    static final TaskKey P05_T01 = TaskKey.of("P05-T01");
    static final TaskKey P05_S01 = TaskKey.of("P05-T01-S01");
    static final long STANDARD_PLAN_VERSION = 10;

    final Set<String> takenProjectKeys = ConcurrentHashMap.newKeySet();
    final MutableClock clock = new MutableClock(NOW);
    FixtureConfiguration<Project> fixture;

    @BeforeEach
    void createFixture() {
        fixture = new AggregateTestFixture<>(Project.class);
        fixture.registerInjectableResource(clock);
        fixture.registerInjectableResource((ProjectKeyRegistry) key -> takenProjectKeys.contains(key.toLowerCase()));
        fixture.registerInjectableResource((AccountDirectory) username -> !username.startsWith(UNKNOWN_ACCOUNT));
        fixture.givenCurrentTime(NOW);
    }

    /** The handlers' clock; tests move it along with the fixture's time. */
    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("the handlers work in UTC");
        }
    }

    static ProjectCreated projectCreated() {
        return new ProjectCreated(PROJECT, "TLG", "Taskledger", "The workflow server");
    }

    static TaskDefinition phase(TaskKey key, TaskKey... prerequisites) {
        return definition(key, TaskLevel.PHASE, null, List.of(prerequisites), List.of());
    }

    static TaskDefinition task(TaskKey key, TaskKey parent, TaskKey... prerequisites) {
        return definition(key, TaskLevel.TASK, parent, List.of(prerequisites), List.of());
    }

    /** A subtask with one step of two criteria, named {@code <key>-01/1} and {@code <key>-01/2}. */
    static TaskDefinition subtask(TaskKey key, TaskKey parent, TaskKey... prerequisites) {
        Step step = new Step(key + "-01", "do it", List.of(
                new SuccessCriterion(CriterionType.EXIT_CODE, "0"),
                new SuccessCriterion(CriterionType.FILE_EXISTS, "package.json")));
        return definition(key, TaskLevel.SUBTASK, parent, List.of(prerequisites), List.of(step));
    }

    static TaskDefinition definition(TaskKey key, TaskLevel level, TaskKey parent, List<TaskKey> prerequisites,
                                     List<Step> steps) {
        return new TaskDefinition(key, level, parent, "Title of " + key, null, null, Priority.MEDIUM, 3,
                FailurePolicy.ESCALATE_TO_HUMAN, "@manager", 60, prerequisites, steps);
    }

    static TaskDefinition withBudget(TaskDefinition task, int maxRetries, FailurePolicy onFailure) {
        return new TaskDefinition(task.key(), task.level(), task.parent(), task.title(), task.description(),
                task.assignee(), task.priority(), maxRetries, onFailure, task.escalateTo(), task.timeoutMinutes(),
                task.prerequisites(), task.steps());
    }

    static TaskDefinition assignedTo(TaskDefinition task, String assignee) {
        return new TaskDefinition(task.key(), task.level(), task.parent(), task.title(), task.description(),
                assignee, task.priority(), task.maxRetries(), task.onFailure(), task.escalateTo(),
                task.timeoutMinutes(), task.prerequisites(), task.steps());
    }

    /** The standard plan, with subtask P04-T01-S01 replaced by the given definition. */
    static List<Object> standardPlanWith(TaskDefinition firstSubtask) {
        List<TaskDefinition> tasks = List.of(
                phase(P04), task(P04_T01, P04), firstSubtask, subtask(S02, P04_T01, S01),
                phase(P05, P04), task(P05_T01, P05), subtask(P05_S01, P05_T01));
        List<Object> events = new ArrayList<>();
        events.add(projectCreated());
        for (int i = 0; i < tasks.size(); i++) {
            events.add(new TaskAdded(PROJECT, tasks.get(i), i + 1));
        }
        events.addAll(List.of(ready(P04), ready(P04_T01), ready(S01)));
        return events;
    }

    static List<Object> standardPlan() {
        return standardPlanWith(subtask(S01, P04_T01));
    }

    /** The standard plan with attempt 1 of P04-T01-S01 opened by {@link #AGENT}: version 13. */
    static List<Object> standardPlanWithS01Started() {
        List<Object> events = new ArrayList<>(standardPlan());
        events.addAll(startedEvents(S01, 1));
        return events;
    }

    /** {@link #standardPlanWithS01Started()} with that attempt passed, so P04-T01-S02 is READY: version 16. */
    static List<Object> standardPlanWithS01Succeeded() {
        return concat(standardPlanWithS01Started(),
                new AttemptSucceeded(PROJECT, S01, 1, AGENT, results(S01, true, true)),
                new TaskSucceeded(PROJECT, S01, SuccessBasis.CRITERIA_PASSED), ready(S02));
    }

    static List<Object> startedEvents(TaskKey key, int attempt) {
        List<Object> events = new ArrayList<>();
        events.add(new TaskStarted(PROJECT, key, attempt, AGENT, NOW, NOW.plus(Duration.ofMinutes(60))));
        if (attempt == 1) {
            events.add(new ContainerStarted(PROJECT, P04_T01));
            events.add(new ContainerStarted(PROJECT, P04));
        }
        return events;
    }

    static TaskBecameReady ready(TaskKey key) {
        return new TaskBecameReady(PROJECT, key);
    }

    static List<CriterionResult> results(TaskKey key, boolean first, boolean second) {
        return List.of(new CriterionResult(key + "-01/1", first, "exit code " + (first ? 0 : 1)),
                new CriterionResult(key + "-01/2", second, second ? "found" : "missing"));
    }

    static List<Object> concat(List<Object> first, Object... more) {
        List<Object> events = new ArrayList<>(first);
        events.addAll(Arrays.asList(more));
        return events;
    }

    /** A refusal with the given code whose message contains every given part. */
    static Matcher<Throwable> refused(ErrorCode code, String... messageParts) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(Throwable thrown) {
                return thrown instanceof TaskledgerException refusal && refusal.code() == code
                        && Arrays.stream(messageParts).allMatch(part -> refusal.getMessage().contains(part));
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("TaskledgerException " + code + " with a message containing "
                        + Arrays.toString(messageParts));
            }

            @Override
            protected void describeMismatchSafely(Throwable thrown, Description description) {
                description.appendText("was " + thrown.getClass().getSimpleName() + ": " + thrown.getMessage()
                        + (thrown instanceof TaskledgerException refusal ? " (" + refusal.code() + ")" : ""));
            }
        };
    }
}
