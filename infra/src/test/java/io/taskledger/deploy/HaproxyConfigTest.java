package io.taskledger.deploy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * deploy/haproxy/haproxy.cfg (the compose file's load balancer) and the one cluster/cluster.sh derives from it pass
 * {@code haproxy -c} (Debian's haproxy, installed by the test when missing and the build runs as root, as CI does),
 * and route by node role: reads to the pool checked on {@code /health/query}, the rest to the pools checked on
 * {@code /health/command} (a project's commands to one node by a hash of its id), each with every node.
 */
class HaproxyConfigTest {

    private static final Pattern SERVER = Pattern.compile("(?m)^ +server (\\S+) (\\S+) check");

    @Test
    void the_compose_files_configuration_is_valid_and_routes_by_role() throws Exception {
        Path config = DeployFiles.DEPLOY.resolve("haproxy/haproxy.cfg");
        String checked = check(config);
        // Outside compose the nodes' names do not resolve; HAProxy starts without them and looks them up again.
        assertThat(checked.lines().filter(line -> line.contains("[WARNING]")))
                .allMatch(line -> line.contains("could not resolve address 'taskledger-"));
        assertRoutesByRole(Files.readString(config), List.of("taskledger-1:8000", "taskledger-2:8000",
                "taskledger-3:8000"));
    }

    @Test
    void the_configuration_cluster_sh_derives_from_it_is_valid_with_its_loopback_nodes(@TempDir Path dir)
            throws Exception {
        Path cluster = DeployFiles.DEPLOY.getParent().resolve("cluster/cluster.sh");
        String written = DeployFiles.run(Duration.ofSeconds(30), DeployFiles.DEPLOY.getParent(), "env",
                "CLUSTER_DIR=" + dir, "LB_PORT=18080", "NODE_BASE_PORT=18100", cluster.toString(), "haproxy-config",
                "3").trim();
        String checked = check(Path.of(written));
        assertThat(checked).doesNotContain("[WARNING]");
        String config = Files.readString(Path.of(written));
        assertThat(config).contains("bind 127.0.0.1:18080").doesNotContain("resolvers");
        assertRoutesByRole(config, List.of("127.0.0.1:18101", "127.0.0.1:18102", "127.0.0.1:18103"));
    }

    private static String check(Path config) throws IOException, InterruptedException {
        String haproxy = DeployFiles.tool("haproxy", "haproxy");
        String answer = DeployFiles.run(Duration.ofSeconds(30), config.getParent(), haproxy, "-c", "-f",
                config.toString());
        assertThat(answer).contains("Configuration file is valid");
        return answer;
    }

    private static void assertRoutesByRole(String config, List<String> nodes) {
        assertThat(config).contains("acl read method GET HEAD", "use_backend queries if read !operators",
                "use_backend project_commands if project_command", "default_backend commands");
        for (String pool : List.of("project_commands", "commands", "queries")) {
            assertThat(serversOf(config, pool)).as(pool).containsExactlyElementsOf(nodes);
            assertThat(section(config, pool)).contains("option httpchk GET /health/"
                    + (pool.equals("queries") ? "query" : "command"));
        }
        assertThat(section(config, "project_commands")).contains("hash-type consistent");
    }

    private static List<String> serversOf(String config, String backend) {
        Matcher server = SERVER.matcher(section(config, backend));
        return server.results().map(found -> found.group(2)).toList();
    }

    private static String section(String config, String backend) {
        int start = config.indexOf("\nbackend " + backend + "\n");
        assertThat(start).as("backend " + backend).isNotNegative();
        int end = config.indexOf("\n\n", start + 1);
        return config.substring(start, end < 0 ? config.length() : end);
    }
}
