package io.taskledger.infra.observability;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.util.Map;

/**
 * Structured JSON logs (Elastic Common Schema, one line per event, MDC included: correlationId, actor, traceId) when
 * the server's output is not a terminal, as under a service manager or in a container; plain text in a terminal, for
 * development. {@code taskledger.logging.format} = {@code json} or {@code plain} forces one; an explicit
 * {@code logging.structured.format.console} always wins. Registered in META-INF/spring.factories because logging is
 * set up before any bean exists.
 */
public class LogFormatEnvironmentPostProcessor implements EnvironmentPostProcessor {

    static final String STRUCTURED_CONSOLE = "logging.structured.format.console";
    static final String CHOICE = "taskledger.logging.format";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.containsProperty(STRUCTURED_CONSOLE)) {
            return;
        }
        if (structured(environment.getProperty(CHOICE, "auto"), System.console() != null)) {
            environment.getPropertySources().addLast(
                    new MapPropertySource("taskledgerLogFormat", Map.of(STRUCTURED_CONSOLE, "ecs")));
        }
    }

    static boolean structured(String choice, boolean inTerminal) {
        return switch (choice.strip().toLowerCase()) {
            case "json" -> true;
            case "plain" -> false;
            default -> !inTerminal;
        };
    }
}
