package io.taskledger.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The deploy/ directory of the repository, and the Debian tools that check its files. */
final class DeployFiles {

    /** Tests run in infra/. */
    static final Path DEPLOY = Path.of("..", "deploy").toAbsolutePath().normalize();

    private DeployFiles() {
    }

    /**
     * The command's path, after installing its Debian package when it is missing: CI runs the build as root on a
     * clean machine, so the check runs there too instead of being skipped. As another user it fails, naming the package.
     */
    static String tool(String command, String debianPackage) throws IOException, InterruptedException {
        for (String directory : List.of("/usr/bin", "/usr/local/bin", "/bin", "/usr/sbin")) {
            if (Files.isExecutable(Path.of(directory, command))) {
                return Path.of(directory, command).toString();
            }
        }
        assertThat(run(Duration.ofSeconds(10), DEPLOY, "id", "-u").trim())
                .as(command + " is missing: install Debian's " + debianPackage + " (apt-get install -y "
                        + debianPackage + "), which this test does itself only as root").isEqualTo("0");
        run(Duration.ofMinutes(5), DEPLOY, "apt-get", "update", "-qq");
        run(Duration.ofMinutes(10), DEPLOY, "env", "DEBIAN_FRONTEND=noninteractive", "apt-get", "install", "-y",
                "-qq", "--no-install-recommends", debianPackage);
        return tool(command, debianPackage);
    }

    /** Runs the command to its end within the bound; its output (stdout and stderr) if it exits 0, else a failure. */
    static String run(Duration bound, Path directory, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
        process.getOutputStream().close();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(bound.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish within " + bound);
        }
        String text = new String(output, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(String.join(" ", command) + " answered:\n" + text).isZero();
        return text;
    }
}
