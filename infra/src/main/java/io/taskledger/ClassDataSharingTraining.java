package io.taskledger;

import org.springframework.boot.SpringApplication;

/**
 * The build's training start for the class-data-sharing archive (infra/pom.xml): starts the server as
 * {@code java -jar} does and stops it again in order, so the JVM archives the classes of a whole start and the
 * embedded PostgreSQL is shut down. Spring's {@code -Dspring.context.exit=onRefresh} would halt the JVM before the
 * web server and the event processors start, and leave that PostgreSQL running.
 */
public final class ClassDataSharingTraining {

    private ClassDataSharingTraining() {
    }

    public static void main(String[] args) {
        // exit, not just close: Axon leaves a non-daemon thread (axon-janitor) that would keep the JVM alive.
        System.exit(SpringApplication.exit(SpringApplication.run(TaskledgerApplication.class, args)));
    }
}
