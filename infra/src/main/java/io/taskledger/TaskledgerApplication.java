package io.taskledger;

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

    public static void main(String[] args) {
        SpringApplication.run(TaskledgerApplication.class, args);
    }
}
