package io.taskledger;

import io.taskledger.infra.startup.StartupFailedException;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The Taskledger server: command side, projections and query side in one process over one PostgreSQL. */
@SpringBootApplication
public class TaskledgerApplication {

    static {
        // Axon's update checker phones home and honours only this system property (not a Spring property).
        // It is off unless someone explicitly turns it on.
        if (System.getProperty("axoniq.update-checker.disabled") == null
                && System.getenv("AXONIQ_UPDATE_CHECKER_DISABLED") == null) {
            System.setProperty("axoniq.update-checker.disabled", "true");
        }
    }

    /**
     * A start that fails exits with status 1, its reason as the last line of the log (after Spring's report and the
     * shutdown of what had started), so that an operator or a supervisor reading the tail sees why.
     */
    public static void main(String[] args) {
        try {
            SpringApplication.run(TaskledgerApplication.class, args);
        } catch (SpringApplication.AbandonedRunException deliberatelyStopped) {
            throw deliberatelyStopped;
        } catch (RuntimeException failure) {
            LoggerFactory.getLogger(TaskledgerApplication.class)
                    .error("Taskledger did not start: {}", StartupFailedException.reasonOf(failure));
            System.exit(1);
        }
    }
}
