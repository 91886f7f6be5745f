package io.taskledger.infra.web;

import org.springframework.boot.health.actuate.endpoint.CompositeHealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.contributor.Status;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;
import java.util.TreeMap;

/**
 * {@code GET /health}: the actuator's verdict at a short, stable address for load balancers and scripts, with the
 * status of each component (database, disk, ..., and one per node role this node runs) but none of their details,
 * which are for operators only. {@code GET /health/{role}} is the same verdict for a load balancer's pool of nodes
 * with that role ({@code command}, {@code query}, {@code projections}): 200 only when the node is ready and runs it.
 */
@RestController
public class HealthController {

    /** The status of {@code /health/{role}} on a node that does not run the role. */
    static final String NOT_RUN_HERE = "ROLE_NOT_RUN_HERE";

    private final HealthEndpoint healthEndpoint;

    public HealthController(HealthEndpoint healthEndpoint) {
        this.healthEndpoint = healthEndpoint;
    }

    @GetMapping("/health")
    public ResponseEntity<Health> health() {
        Health health = current();
        return ResponseEntity.status(statusOf(health)).body(health);
    }

    @GetMapping("/health/{role:command|query|projections}")
    public ResponseEntity<Health> health(@PathVariable String role) {
        Health health = current();
        if (!health.components().containsKey(role)) {
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(new Health(NOT_RUN_HERE,
                    health.components()));
        }
        return ResponseEntity.status(statusOf(health)).body(health);
    }

    private Health current() {
        HealthDescriptor health = healthEndpoint.health();
        Map<String, String> components = new TreeMap<>();
        if (health instanceof CompositeHealthDescriptor composite) {
            composite.getComponents().forEach((name, component) ->
                    components.put(name, component.getStatus().getCode()));
        }
        return new Health(health.getStatus().getCode(), components);
    }

    public record Health(String status, Map<String, String> components) {
    }

    private static HttpStatus statusOf(Health health) {
        return Status.UP.getCode().equals(health.status()) ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE;
    }
}
