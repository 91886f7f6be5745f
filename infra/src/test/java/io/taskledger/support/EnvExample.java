package io.taskledger.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An environment file in the form of the root {@code .env.example}: each variable on a line {@code NAME=default}
 * (nothing after {@code =} when it has no default), directly below a {@code #} comment line saying what it means.
 * Any such file can be read and checked by path, e.g. a deployment's own.
 */
public record EnvExample(Map<String, Variable> variables, List<String> problems) {

    private static final Pattern ASSIGNMENT = Pattern.compile("([A-Z][A-Z0-9_]*)=(.*)");

    public record Variable(String name, String defaultValue, String meaning) {
    }

    public static EnvExample read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Variable> variables = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        String comment = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.startsWith("#")) {
                comment = line.substring(1).strip();
                continue;
            }
            if (line.isEmpty()) {
                comment = null;
                continue;
            }
            Matcher assignment = ASSIGNMENT.matcher(line);
            if (!assignment.matches()) {
                problems.add(file + ":" + (i + 1) + " is neither a comment nor NAME=default: " + line);
            } else if (comment == null || comment.isEmpty()) {
                problems.add(file + ":" + (i + 1) + " " + assignment.group(1) + " has no comment line above it");
            } else if (variables.put(assignment.group(1),
                    new Variable(assignment.group(1), assignment.group(2), comment)) != null) {
                problems.add(file + ":" + (i + 1) + " " + assignment.group(1) + " is listed twice");
            }
            comment = null;
        }
        return new EnvExample(variables, problems);
    }

    /** The environment variable Spring Boot's relaxed binding reads for a property: {@code a.b-c} is {@code A_BC}. */
    public static String variableOf(String property) {
        return property.replace("-", "").replace('.', '_').toUpperCase(java.util.Locale.ROOT);
    }
}
