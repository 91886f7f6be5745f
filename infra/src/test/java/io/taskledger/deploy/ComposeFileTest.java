package io.taskledger.deploy;

import io.taskledger.support.EnvExample;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * deploy/compose.yaml, checked without Docker (none runs here): it parses, each service's image, ports and profile are
 * the ones docs/deployment.md lists, every variable it reads is documented in deploy/.env.example with the same
 * default, secrets have none, and every server setting of the README's table can be set from the .env file. Its
 * Taskledger nodes differ only in their roles, and HAProxy and Prometheus know every one of them.
 */
class ComposeFileTest {

    private static final Path REPO = DeployFiles.DEPLOY.getParent();
    private static final Pattern VARIABLE = Pattern.compile("(?<!\\$)\\$\\{([A-Z][A-Z0-9_]*)(?:(:-|:\\?)([^}]*))?}");
    private static final Pattern README_ROW = Pattern.compile("^\\| `[^`]+`[^|]*\\| `([A-Z][A-Z0-9_]*)` \\| (.*) \\|$");
    private static final Pattern SERVICE_ROW =
            Pattern.compile("^\\| `([a-z0-9-]+)` \\| `([^`]+)` \\| (none|`[^`]+`)[^|]*\\| ([^|]*)\\|$");
    /**
     * What compose sets itself for the server: the connection to its PostgreSQL, the port inside the container, and
     * each node's roles (from its own TASKLEDGER_NODE1_ROLES, TASKLEDGER_NODE2_ROLES...).
     */
    private static final Set<String> SET_BY_COMPOSE = Set.of("SPRING_DATASOURCE_URL", "SPRING_DATASOURCE_USERNAME",
            "SERVER_PORT", "TASKLEDGER_NODE_ROLES");
    private static final List<String> NODES = List.of("taskledger-1", "taskledger-2", "taskledger-3");
    private static final Pattern SERVER_LINE = Pattern.compile("(?m)^ +server \\S+ ([a-z0-9-]+):8000 check");
    /** The embedded database's settings: compose runs a PostgreSQL of its own. */
    private static final Set<String> NOT_FOR_COMPOSE = Set.of("TASKLEDGER_DATA_DIR",
            "TASKLEDGER_EMBEDDEDPOSTGRES_CLEANONSTART");

    @Test
    @SuppressWarnings("unchecked")
    void every_service_has_the_image_ports_and_profile_the_deployment_doc_lists() throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(DeployFiles.DEPLOY.resolve("compose.yaml")));
        Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) compose.get("services");
        Map<String, List<String>> documented = documentedServices();

        assertThat(services.keySet()).containsExactlyInAnyOrderElementsOf(documented.keySet());
        services.forEach((name, service) -> {
            List<String> doc = documented.get(name);
            assertThat(withDefaults((String) service.get("image"))).as(name + " image").isEqualTo(doc.get(0));
            List<String> ports = ((List<Object>) service.getOrDefault("ports", List.of())).stream()
                    .map(port -> withDefaults(port.toString())).toList();
            assertThat(ports).as(name + " ports").isEqualTo(doc.get(1).equals("none") ? List.of()
                    : List.of(doc.get(1).replace("`", "")));
            List<String> profiles = (List<String>) service.getOrDefault("profiles", List.of());
            assertThat(String.join(",", profiles)).as(name + " profiles").isEqualTo(doc.get(2).replace("`", "").trim());
        });
        assertThat(services.get("postgres").get("volumes").toString()).contains("postgres-data:/var/lib/postgresql/data");
        assertThat(services.get("prometheus").get("volumes").toString())
                .contains("./prometheus/alerts.yml:/etc/prometheus/alerts.yml");
        assertThat(services.get("haproxy").get("volumes").toString()).contains("./haproxy:/usr/local/etc/haproxy");
        for (String node : NODES) {
            assertThat(services.get(node).get("healthcheck").toString()).as(node).contains("/app/healthcheck");
            assertThat(services.get(node).get("env_file")).as(node).isEqualTo(List.of(".env"));
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void the_nodes_differ_only_in_their_roles_and_haproxy_and_prometheus_know_every_one() throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(DeployFiles.DEPLOY.resolve("compose.yaml")));
        Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) compose.get("services");
        assertThat(services.keySet().stream().filter(name -> name.startsWith("taskledger"))).containsExactlyElementsOf(NODES);

        Map<String, Object> first = services.get(NODES.get(0));
        for (String node : NODES) {
            Map<String, Object> service = new TreeMap<>(services.get(node));
            Map<String, Object> environment = new TreeMap<>((Map<String, Object>) service.remove("environment"));
            assertThat(environment.remove("TASKLEDGER_NODE_ROLES")).as(node + " roles")
                    .isEqualTo("${TASKLEDGER_NODE" + (NODES.indexOf(node) + 1) + "_ROLES:-command,query,projections}");
            Map<String, Object> firstEnvironment = new TreeMap<>((Map<String, Object>) first.get("environment"));
            firstEnvironment.remove("TASKLEDGER_NODE_ROLES");
            assertThat(environment).as(node + " environment").isEqualTo(firstEnvironment);
            assertThat(environment).containsEntry("SERVER_FORWARD_HEADERS_STRATEGY", "native");
            service.remove("depends_on");
            Map<String, Object> firstService = new TreeMap<>(first);
            firstService.remove("environment");
            firstService.remove("depends_on");
            assertThat(service).as(node + " apart from its environment and start order").isEqualTo(firstService);
            assertThat(service).doesNotContainKey("ports");
        }

        String haproxy = Files.readString(DeployFiles.DEPLOY.resolve("haproxy/haproxy.cfg"));
        Matcher server = SERVER_LINE.matcher(haproxy);
        List<String> servers = server.results().map(found -> found.group(1)).toList();
        assertThat(servers).as("HAProxy's three pools").containsExactlyElementsOf(
                java.util.stream.Stream.of(NODES, NODES, NODES).flatMap(List::stream).toList());

        Map<String, Object> prometheus = new Yaml().load(
                Files.readString(DeployFiles.DEPLOY.resolve("prometheus/prometheus.yml")));
        assertThat(prometheus.toString()).as("Prometheus's targets")
                .contains("targets=[taskledger-1:9464, taskledger-2:9464, taskledger-3:9464]");
    }

    @Test
    void every_variable_compose_reads_is_in_the_env_example_with_the_same_default_and_secrets_have_none()
            throws IOException {
        String compose = Files.readString(DeployFiles.DEPLOY.resolve("compose.yaml"));
        Map<String, String> example = envExample();
        Matcher variable = VARIABLE.matcher(compose);
        int read = 0;
        while (variable.find()) {
            read++;
            String name = variable.group(1);
            assertThat(example).as(name + " is read by compose.yaml but not in deploy/.env.example").containsKey(name);
            if (":?".equals(variable.group(2))) {
                assertThat(example.get(name)).as(name + " is required: .env.example gives no value").isEmpty();
            } else {
                assertThat(example.get(name)).as(name + "'s default").isEqualTo(variable.group(3));
            }
        }
        assertThat(read).isGreaterThan(10);
        assertThat(example.get("POSTGRES_PASSWORD")).isEmpty();
        assertThat(example.get("TASKLEDGER_ADMIN_PASSWORD")).isEmpty();
        assertThat(example.get("TASKLEDGER_JWT_SECRET")).isEmpty();
    }

    @Test
    void every_setting_of_the_readme_can_be_set_from_the_env_file_and_has_its_default_there() throws IOException {
        Map<String, String> example = envExample();
        String exampleText = Files.readString(DeployFiles.DEPLOY.resolve(".env.example"));
        String compose = Files.readString(DeployFiles.DEPLOY.resolve("compose.yaml"));
        Map<String, String> readme = readmeSettings();
        assertThat(readme).hasSizeGreaterThan(10);

        readme.forEach((name, defaultColumn) -> {
            if (NOT_FOR_COMPOSE.contains(name)) {
                return;
            }
            if (SET_BY_COMPOSE.contains(name)) {
                assertThat(compose).as(name + " is set by compose.yaml").contains(name + ":");
                return;
            }
            if (defaultColumn.startsWith("`")) {
                assertThat(example).as(name + " (README) is missing from deploy/.env.example").containsKey(name);
                assertThat(example.get(name)).as(name + "'s default").isEqualTo(defaultColumn.split("`")[1]);
            } else {
                assertThat(example.containsKey(name) ? example.get(name).isEmpty() : exampleText.contains(name))
                        .as(name + " is unset by default: listed empty, or named among the unset ones").isTrue();
            }
        });
        for (String name : example.keySet()) {
            assertThat(compose.contains(name) || readme.containsKey(name) || documentedInDocs(name))
                    .as(name + " in deploy/.env.example is read by nothing documented").isTrue();
        }
    }

    private static String withDefaults(String text) {
        Matcher variable = VARIABLE.matcher(text);
        StringBuilder resolved = new StringBuilder();
        while (variable.find()) {
            variable.appendReplacement(resolved, Matcher.quoteReplacement(
                    variable.group(3) == null ? "" : variable.group(3)));
        }
        return variable.appendTail(resolved).toString();
    }

    /** deploy/.env.example, in the root .env.example's form (checked the same way): variable to default. */
    private static Map<String, String> envExample() {
        EnvExample example = EnvExample.read(DeployFiles.DEPLOY.resolve(".env.example"));
        assertThat(example.problems()).isEmpty();
        Map<String, String> defaults = new LinkedHashMap<>();
        example.variables().forEach((name, variable) -> defaults.put(name, variable.defaultValue()));
        return defaults;
    }

    /** The README's configuration table: environment variable to its default column. */
    private static Map<String, String> readmeSettings() throws IOException {
        Map<String, String> settings = new TreeMap<>();
        for (String line : Files.readAllLines(REPO.resolve("README.md"))) {
            Matcher row = README_ROW.matcher(line);
            if (row.matches()) {
                settings.put(row.group(1), row.group(2).trim());
            }
        }
        return settings;
    }

    /** docs/deployment.md's table of compose services: name to image, ports and profile. */
    private static Map<String, List<String>> documentedServices() throws IOException {
        Map<String, List<String>> services = new LinkedHashMap<>();
        for (String line : Files.readAllLines(REPO.resolve("docs/deployment.md"))) {
            Matcher row = SERVICE_ROW.matcher(line);
            if (row.matches()) {
                services.put(row.group(1), List.of(row.group(2), row.group(3), row.group(4)));
            }
        }
        assertThat(services).as("the services table of docs/deployment.md").isNotEmpty();
        return services;
    }

    private static boolean documentedInDocs(String name) {
        try (var docs = Files.list(REPO.resolve("docs"))) {
            return docs.filter(file -> file.toString().endsWith(".md")).anyMatch(file -> {
                try {
                    return Files.readString(file).contains(name);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
