package io.taskledger.infra.startup;

import io.taskledger.infra.cluster.NodeRoles;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.context.ApplicationContextException;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Start-up tasks run in order before the web server's phase; the first that fails stops the start, saying why. */
class StartupTasksTest {

    private final List<String> ran = new ArrayList<>();

    @Test
    void tasks_run_in_order_and_the_first_failure_stops_the_rest_with_its_reason() {
        StartupTasks tasks = tasks(task("load the key", null), task("open the account",
                new IllegalStateException("password must not contain the username")), task("seed", null));

        assertThatThrownBy(tasks::start).isInstanceOf(StartupFailedException.class)
                .hasMessage("cannot open the account: password must not contain the username");
        assertThat(ran).containsExactly("load the key", "open the account");
        assertThat(tasks.isRunning()).isFalse();
    }

    @Test
    void tasks_that_send_commands_run_only_on_a_node_with_the_command_role() {
        StartupTask key = task("load the key", null);
        StartupTask admin = commandSending(task("open the account", null));

        tasks("query,projections", key, admin).start();
        assertThat(ran).containsExactly("load the key");
        ran.clear();
        tasks("command", key, admin).start();
        assertThat(ran).containsExactly("load the key", "open the account");
    }

    @Test
    void they_run_just_before_the_web_server_opens_its_port() {
        assertThat(tasks().getPhase()).isLessThan(
                org.springframework.boot.web.server.context.WebServerApplicationContext.START_STOP_LIFECYCLE_PHASE);
        assertThat(tasks().getPhase()).isGreaterThan(org.axonframework.lifecycle.Phase.INSTRUCTION_COMPONENTS);
    }

    @Test
    void the_reason_of_a_failed_start_is_the_tasks_own_words_else_the_innermost_cause_in_one_line() {
        StartupFailedException failed = new StartupFailedException("load the key",
                new IllegalStateException("the secret must be Base64"));
        Exception wrapped = new ApplicationContextException("Failed to start bean 'startupTasks'", failed);
        Exception elsewhere = new IllegalStateException("context failed",
                new RuntimeException("Connection to 127.0.0.1:5432 refused.\nCheck the host"));

        assertThat(StartupFailedException.reasonOf(wrapped))
                .isEqualTo("cannot load the key: the secret must be Base64");
        assertThat(StartupFailedException.reasonOf(elsewhere))
                .isEqualTo("Connection to 127.0.0.1:5432 refused. Check the host");
    }

    private StartupTask task(String description, RuntimeException failure) {
        return new StartupTask() {
            @Override
            public String description() {
                return description;
            }

            @Override
            public void run() {
                ran.add(description);
                if (failure != null) {
                    throw failure;
                }
            }
        };
    }

    private static StartupTask commandSending(StartupTask task) {
        return new StartupTask() {
            @Override
            public String description() {
                return task.description();
            }

            @Override
            public void run() {
                task.run();
            }

            @Override
            public boolean sendsCommands() {
                return true;
            }
        };
    }

    private static StartupTasks tasks(StartupTask... tasks) {
        return tasks("command,query,projections", tasks);
    }

    private static StartupTasks tasks(String roles, StartupTask... tasks) {
        DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
        for (int i = 0; i < tasks.length; i++) {
            beans.registerSingleton("task" + i, tasks[i]);
        }
        return new StartupTasks(beans.getBeanProvider(StartupTask.class), new NodeRoles(roles));
    }
}
