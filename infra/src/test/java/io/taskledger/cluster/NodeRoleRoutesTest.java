package io.taskledger.cluster;

import io.taskledger.infra.cluster.NodeRole;
import io.taskledger.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The role a request needs is decided from its method and path alone ({@link NodeRole#neededFor}), so that a load
 * balancer can route by method. That holds only while every endpoint of the command-side module is a write and every
 * endpoint of the query-side module a read: checked here over every route the server maps.
 */
class NodeRoleRoutesTest extends IntegrationTest {

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping mappings;

    @Test
    void every_command_side_route_needs_the_command_role_every_query_side_route_the_query_role_and_the_rest_none() {
        List<String> misrouted = new ArrayList<>();
        int commandRoutes = 0;
        int queryRoutes = 0;
        for (Map.Entry<RequestMappingInfo, HandlerMethod> route : mappings.getHandlerMethods().entrySet()) {
            String module = route.getValue().getBeanType().getPackageName();
            Optional<NodeRole> owner = module.startsWith("io.taskledger.command.") ? Optional.of(NodeRole.COMMAND)
                    : module.startsWith("io.taskledger.query.") ? Optional.of(NodeRole.QUERY) : Optional.empty();
            for (String path : route.getKey().getPatternValues()) {
                for (RequestMethod method : route.getKey().getMethodsCondition().getMethods()) {
                    Optional<NodeRole> needed = NodeRole.neededFor(method.name(), path);
                    if (!needed.equals(owner)) {
                        misrouted.add(method + " " + path + " (" + route.getValue().getBeanType().getSimpleName()
                                + ") needs " + needed + ", its module is " + owner);
                    }
                    commandRoutes += owner.equals(Optional.of(NodeRole.COMMAND)) ? 1 : 0;
                    queryRoutes += owner.equals(Optional.of(NodeRole.QUERY)) ? 1 : 0;
                }
            }
        }
        assertThat(misrouted).isEmpty();
        assertThat(commandRoutes).as("command routes seen").isGreaterThan(10);
        assertThat(queryRoutes).as("query routes seen").isGreaterThan(10);
    }

    @Test
    void what_every_node_answers() {
        assertThat(NodeRole.neededFor("GET", "/health")).isEmpty();
        assertThat(NodeRole.neededFor("POST", "/api/auth/login")).isEmpty();
        assertThat(NodeRole.neededFor("POST", "/api/auth/refresh")).isEmpty();
        assertThat(NodeRole.neededFor("POST", "/api/admin/projections/task-board/rebuild")).isEmpty();
        assertThat(NodeRole.neededFor("OPTIONS", "/api/projects")).isEmpty();
        assertThat(NodeRole.neededFor("POST", "/api/auth/password")).contains(NodeRole.COMMAND);
        assertThat(NodeRole.neededFor("HEAD", "/api/projects")).contains(NodeRole.QUERY);
    }
}
