package io.taskledger.deploy;

import io.taskledger.support.IntegrationTest;
import io.taskledger.support.Projects;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.nio.file.Files;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * deploy/prometheus/alerts.yml: valid for Prometheus ({@code promtool check rules}), firing where its unit tests say
 * ({@code promtool test rules alerts.test.yml}), and naming only metrics that this server exports.
 */
class AlertRulesTest extends IntegrationTest {

    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Set<String> PROMQL = Set.of("sum", "max", "min", "avg", "by", "without", "rate", "increase",
            "histogram_quantile", "and", "or", "unless", "on", "ignoring");

    @Test
    void promtool_accepts_the_rules_and_their_unit_tests_pass() throws Exception {
        String promtool = DeployFiles.tool("promtool", "prometheus");

        String checked = DeployFiles.run(Duration.ofMinutes(1), DeployFiles.DEPLOY.resolve("prometheus"), promtool,
                "check", "rules", "alerts.yml");
        assertThat(checked).contains("SUCCESS: 12 rules found");
        String tested = DeployFiles.run(Duration.ofMinutes(1), DeployFiles.DEPLOY.resolve("prometheus"), promtool,
                "test", "rules", "alerts.test.yml");
        assertThat(tested).contains("SUCCESS");
    }

    @Test
    void every_metric_the_rules_name_is_exported_by_the_server() throws Exception {
        // A refused command, so the command bus's failure counter exists whatever ran before.
        Projects projects = new Projects(api, accounts);
        String projectId = projects.createWithExamplePlan();
        assertThat(projects.start(projectId, "P04-T01-S02", "@coding-agent").status()).isEqualTo(409);

        String exported = api.get("/actuator/prometheus").body();
        Set<String> exportedNames = Arrays.stream(exported.split("\n")).filter(line -> !line.startsWith("#"))
                .map(line -> line.split("[{ ]", 2)[0]).collect(Collectors.toCollection(TreeSet::new));
        Set<String> named = metricsNamedIn(Files.readString(DeployFiles.DEPLOY.resolve("prometheus/alerts.yml")));

        assertThat(named).hasSizeGreaterThanOrEqualTo(10);
        assertThat(exportedNames).containsAll(named);
    }

    /** The identifiers of the rules' expressions, without label matchers, grouping labels and PromQL's words. */
    @SuppressWarnings("unchecked")
    private static Set<String> metricsNamedIn(String rules) {
        Map<String, List<Map<String, Object>>> document = new Yaml().load(rules);
        Set<String> names = new TreeSet<>();
        for (Map<String, Object> group : document.get("groups")) {
            for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
                String withoutLabels = rule.get("expr").toString().replaceAll("\\{[^}]*}", "")
                        .replaceAll("\\b(by|without)\\s*\\([^)]*\\)", "").replaceAll("\\[[^]]*]", "");
                Matcher identifier = IDENTIFIER.matcher(withoutLabels);
                while (identifier.find()) {
                    if (!PROMQL.contains(identifier.group())) {
                        names.add(identifier.group());
                    }
                }
            }
        }
        return names;
    }
}
