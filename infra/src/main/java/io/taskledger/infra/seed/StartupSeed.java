package io.taskledger.infra.seed;

import io.taskledger.api.access.Caller;
import io.taskledger.api.access.ProjectRole;
import io.taskledger.api.command.AddMemberCommand;
import io.taskledger.api.command.CreateProjectCommand;
import io.taskledger.api.command.ImportPlanCommand;
import io.taskledger.api.ids.ProjectId;
import io.taskledger.api.ids.TaskKey;
import io.taskledger.api.plan.TaskDefinition;
import io.taskledger.infra.security.AdminBootstrap;
import io.taskledger.infra.seed.SeedRuns.SeedRun;
import io.taskledger.infra.startup.StartupTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Seeds the database at start when {@code taskledger.seed} ({@code TASKLEDGER_SEED}) asks for it: {@code demo} for
 * the demo project ({@link DemoSeed}), or {@code file:/path/plan.json} for a project whose plan is that file (the body
 * of {@code POST /api/projects/{id}/plan}), owned by {@code admin}. A seed is applied once per database: it logs
 * {@code Data seeded} on the start that applies it and {@code Data already seeded} on every later one, which change
 * nothing. A start-up task after the bootstrap of the admin account: the server takes no request before the seed is
 * done, and a seed that fails stops the start.
 */
@Component
@Order(AdminBootstrap.ORDER + 1)
class StartupSeed implements StartupTask {

    static final String DEMO = "demo";
    static final String FILE = "file:";
    private static final Logger log = LoggerFactory.getLogger(StartupSeed.class);

    private final String setting;
    private final SeedRuns runs;
    private final DemoSeed demo;
    private final SeedingCommands seeding;

    StartupSeed(@Value("${taskledger.seed:}") String setting, SeedRuns runs, DemoSeed demo, SeedingCommands seeding) {
        this.setting = setting == null ? "" : setting.trim();
        this.runs = runs;
        this.demo = demo;
        this.seeding = seeding;
    }

    @Override
    public boolean sendsCommands() {
        return true;
    }

    @Override
    public String description() {
        return "seed the database (taskledger.seed=" + setting + ")";
    }

    @Override
    public void run() {
        if (setting.isEmpty()) {
            return;
        }
        String seed = normalized(setting);
        Optional<SeedRun> earlier = runs.find(seed);
        if (earlier.isPresent()) {
            reportEarlier(earlier.get());
            return;
        }
        // A plan file is read before the seed is claimed: an unreadable one fails the start and claims nothing.
        List<TaskDefinition> filePlan = seed.startsWith(FILE) ? readPlanFile(Path.of(seed.substring(FILE.length())))
                : null;
        if (!runs.claim(seed)) {
            reportEarlier(runs.find(seed).orElseThrow());
            return;
        }
        SeededProject seeded = filePlan == null ? demo.seed() : seedPlanFile(seed, filePlan);
        runs.finished(seed, seeded.projectId().value());
        if (!seeded.openedAccounts().isEmpty()) {
            log.warn("Opened these accounts with generated passwords, shown only this once (change them with POST "
                    + "/api/auth/password):\n{}", seeded.openedAccounts().entrySet().stream()
                    .map(account -> "  " + account.getKey() + "  " + account.getValue())
                    .collect(Collectors.joining("\n")));
        }
        log.info("Data seeded ({}): project {} ({}) with {} tasks{}", seed, seeded.key(), seeded.projectId(),
                seeded.tasks(), seeded.openedAccounts().isEmpty() ? ""
                        : ", accounts " + String.join(", ", seeded.openedAccounts().keySet()));
    }

    /** {@code demo}, or {@code file:} with the file's absolute normal path, so one file is one seed. */
    static String normalized(String setting) {
        if (setting.equalsIgnoreCase(DEMO)) {
            return DEMO;
        }
        if (setting.startsWith(FILE) && setting.length() > FILE.length()) {
            return FILE + Path.of(setting.substring(FILE.length())).toAbsolutePath().normalize();
        }
        throw new IllegalStateException("taskledger.seed (TASKLEDGER_SEED) is '" + setting
                + "': it must be 'demo' or 'file:' followed by the path of a plan file");
    }

    private void reportEarlier(SeedRun earlier) {
        if (earlier.finishedAt() != null) {
            log.info("Data already seeded ({} on {}): nothing changed", earlier.seed(), earlier.finishedAt());
        } else {
            log.warn("Data already seeded in part: the seed {} started at {} and did not finish (see that start's "
                    + "log); it is not repeated over its own data (docs/deployment.md, \"Demo data\")",
                    earlier.seed(), earlier.startedAt());
        }
    }

    private List<TaskDefinition> readPlanFile(Path file) {
        try {
            return seeding.readPlan(Files.newInputStream(file), file.toString()).toDefinitions();
        } catch (IOException unreadable) {
            throw new IllegalStateException("cannot read the plan file " + file + " (taskledger.seed): "
                    + unreadable, unreadable);
        }
    }

    /**
     * A project named after the plan's first phase, keyed after the file ({@code backend.plan.json} is
     * {@code BACKEND}), owned by admin; every assignee with an account becomes a member that works tasks.
     */
    private SeededProject seedPlanFile(String seed, List<TaskDefinition> plan) {
        Caller admin = seeding.caller(AdminBootstrap.USERNAME);
        ProjectId project = ProjectId.random();
        String key = projectKeyOf(Path.of(seed.substring(FILE.length())));
        seeding.send(admin, new CreateProjectCommand(project, key, plan.get(0).title(),
                "Seeded from " + seed.substring(FILE.length())));
        Set<String> assignees = plan.stream().map(TaskDefinition::assignee).filter(name -> name != null)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        for (String assignee : assignees) {
            if (seeding.accountExists(assignee)) {
                seeding.send(admin, new AddMemberCommand(project, assignee,
                        assignee.startsWith("@") ? ProjectRole.AGENT : ProjectRole.CONTRIBUTOR));
            } else {
                log.warn("The plan {} assigns tasks to {}, which has no account: open it and add it to project {}",
                        seed, assignee, key);
            }
        }
        seeding.send(admin, new ImportPlanCommand(project, plan));
        return new SeededProject(project, key, plan.size(), Map.of());
    }

    static String projectKeyOf(Path file) {
        String name = file.getFileName().toString();
        int dot = name.indexOf('.');
        String key = (dot > 0 ? name.substring(0, dot) : name).toUpperCase(Locale.ROOT)
                .replaceAll("[^A-Z0-9._-]", "-");
        if (!TaskKey.isValid(key)) {
            throw new IllegalStateException("the plan file's name " + name + " does not make a project key (1 to 64 "
                    + "letters, digits, '.', '_' or '-', starting with a letter or digit): rename the file");
        }
        return key;
    }
}
