package io.taskledger.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Node.js tools that official test suites ship as npm packages, installed by the build itself: the folder under
 * {@code src/test/node/<name>} (a package.json and its package-lock.json, pinning exact versions) is copied to
 * {@code target/node/<name>} and {@code npm ci} installs it there. Node.js and npm are on every machine this
 * project builds on; a missing one fails the test rather than skipping it.
 */
public final class NodePackages {

    private static final Path SOURCES = Path.of("src/test/node");
    private static final Path INSTALLED = Path.of("target/node");

    private final Path folder;

    private NodePackages(Path folder) {
        this.folder = folder;
    }

    /** Installs the folder's packages once per build (again when its package-lock.json changed). */
    public static synchronized NodePackages install(String name) {
        Path source = SOURCES.resolve(name);
        Path target = INSTALLED.resolve(name);
        try {
            Files.createDirectories(target);
            try (Stream<Path> files = Files.list(source)) {
                for (Path file : files.toList()) {
                    Files.copy(file, target.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            Path marker = target.resolve("node_modules/.installed-lock");
            String lock = Files.readString(source.resolve("package-lock.json"));
            if (!Files.exists(marker) || !Files.readString(marker).equals(lock)) {
                Result installed = new NodePackages(target).run(Map.of(), 300, "npm", "ci", "--no-audit", "--no-fund");
                if (installed.exitCode() != 0) {
                    throw new IllegalStateException("npm ci in " + target + " failed: " + installed.output());
                }
                Files.writeString(marker, lock);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new NodePackages(target);
    }

    /** Runs a command in the installed folder; its standard output and error, and its exit code. */
    public Result run(Map<String, String> environment, long timeoutSeconds, String... command) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true);
        builder.environment().putAll(environment);
        try {
            Path output = Files.createTempFile("node-", ".log");
            builder.redirectOutput(output.toFile());
            Process process = builder.start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not end within " + timeoutSeconds
                        + " s: " + Files.readString(output));
            }
            List<String> lines = new ArrayList<>(Files.readAllLines(output, StandardCharsets.UTF_8));
            Files.delete(output);
            return new Result(process.exitValue(), lines);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + String.join(" ", command)
                    + " (Node.js and npm must be installed)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public record Result(int exitCode, List<String> lines) {
        public String output() {
            return String.join("\n", lines);
        }
    }
}
