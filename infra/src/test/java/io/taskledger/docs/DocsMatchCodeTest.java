package io.taskledger.docs;

import io.taskledger.support.EnvExample;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README and the docs it links say what the code does: every {@code taskledger.*} setting is documented, the root
 * {@code .env.example} lists the environment variable of every setting with its default, every migration is in
 * docs/persistence.md's list; and the code keeps the project's conventions for test names and comments.
 */
class DocsMatchCodeTest {

    private static final Path ROOT = Path.of("..");
    private static final Path APPLICATION_YML = ROOT.resolve("infra/src/main/resources/application.yml");
    /** Flyway's locations (spring.flyway.locations): the server's own tables, and the read models'. */
    private static final List<String> MIGRATION_FOLDERS = List.of("db/migration", "db/read-models");
    private static final List<String> MODULES = List.of("shared-api", "command-side", "projections", "query-side",
            "infra", "benchmark");
    /** A setting read in code: {@code @Value("${taskledger.x:default}")} or {@code binder.bind("taskledger.x", ...)}. */
    private static final Pattern SETTING_IN_CODE =
            Pattern.compile("(?:\\$\\{|bind\\(\")(taskledger\\.[a-z][a-z0-9.-]*[a-z0-9])(?=[:}\"])");
    /** Settings the code reads through a constant, where no pattern finds them. */
    private static final Set<String> SETTINGS_READ_THROUGH_CONSTANTS = Set.of("taskledger.logging.format");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*):([^}]*)}");
    /** Maps, set one entry per variable: documented, but not one line of an environment file. */
    private static final Set<String> MAPS = Set.of("taskledger.embedded-postgres.server-config");
    private static final Pattern TEST_ANNOTATION =
            Pattern.compile("@(Test|ParameterizedTest|RepeatedTest)\\b[^\\n]*\\n(?:\\s*@[^\\n]*\\n)*\\s*"
                    + "(?:public |protected |private )?void (\\w+)\\(");
    private static final Pattern SNAKE_CASE = Pattern.compile("[a-z0-9]+(_[a-z0-9]+)*");
    private static final Pattern BENCHMARK_FIGURE =
            Pattern.compile("(?i)\\b(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth) pass\\b|\\d ?%");

    @Test
    void every_taskledger_setting_is_in_the_readme_or_a_doc_it_links() {
        String docs = readmeAndLinkedDocs();
        assertThat(settings()).as("settings found in application.yml and the code").hasSizeGreaterThan(25)
                .containsKey("taskledger.aggregate-cache.max-projects").containsKey("taskledger.logging.format");
        List<String> undocumented = settings().keySet().stream()
                .filter(setting -> !isDocumented(setting, docs))
                .toList();

        assertThat(undocumented).as("settings missing from README.md's table and the docs it links").isEmpty();
    }

    @Test
    void the_env_example_lists_every_variable_with_its_default_and_meaning() {
        EnvExample example = EnvExample.read(ROOT.resolve(".env.example"));
        assertThat(example.problems()).isEmpty();

        Map<String, String> expected = new TreeMap<>();
        settings().forEach((setting, value) -> {
            if (!MAPS.contains(setting)) {
                Matcher placeholder = PLACEHOLDER.matcher(value == null ? "" : value);
                expected.put(placeholder.matches() ? placeholder.group(1) : EnvExample.variableOf(setting),
                        placeholder.matches() ? placeholder.group(2) : value);
            }
        });
        readmeVariables().forEach(variable -> expected.putIfAbsent(variable, null));

        assertThat(new TreeSet<>(example.variables().keySet())).as("variables of .env.example")
                .containsAll(expected.keySet());
        assertThat(example.variables().keySet()).as("variables in .env.example that no setting or doc knows")
                .allMatch(expected::containsKey);
        expected.forEach((variable, value) -> {
            if (value != null) {
                assertThat(example.variables().get(variable).defaultValue()).as("default of " + variable)
                        .isEqualTo(value);
            }
        });
    }

    @Test
    void every_migration_is_in_the_persistence_doc() throws IOException {
        String persistence = Files.readString(ROOT.resolve("docs/persistence.md"));
        List<String> missing = new ArrayList<>();
        for (String module : MODULES) {
            for (String folder : MIGRATION_FOLDERS) {
                Path migrations = ROOT.resolve(module).resolve("src/main/resources").resolve(folder);
                if (Files.isDirectory(migrations)) {
                    try (Stream<Path> files = Files.list(migrations)) {
                        files.map(file -> file.getFileName().toString())
                                .filter(name -> name.matches("V\\d+__.+\\.sql") && !persistence.contains(name))
                                .forEach(missing::add);
                    }
                }
            }
        }

        assertThat(missing).as("migrations missing from docs/persistence.md").isEmpty();
    }

    @Test
    void test_methods_are_named_in_snake_case_in_every_module() {
        List<String> misnamed = new ArrayList<>();
        int tests = 0;
        for (Path source : javaSources("src/test/java")) {
            Matcher test = TEST_ANNOTATION.matcher(read(source));
            while (test.find()) {
                tests++;
                if (!SNAKE_CASE.matcher(test.group(2)).matches()) {
                    misnamed.add(ROOT.relativize(source) + ": " + test.group(2));
                }
            }
        }

        assertThat(tests).as("test methods found").isGreaterThan(250);
        assertThat(misnamed).isEmpty();
    }

    @Test
    void comments_give_reasons_and_leave_benchmark_figures_to_the_benchmark_doc() {
        List<String> citing = new ArrayList<>();
        List<Path> sources = new ArrayList<>(javaSources("src/main/java"));
        sources.add(APPLICATION_YML);
        for (Path source : sources) {
            if (source.startsWith(ROOT.resolve("benchmark"))) {
                continue;
            }
            List<String> lines = read(source).lines().toList();
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).strip();
                boolean comment = line.startsWith("*") || line.startsWith("//") || line.startsWith("/*")
                        || line.startsWith("#");
                if (comment && BENCHMARK_FIGURE.matcher(line).find()) {
                    citing.add(ROOT.relativize(source) + ":" + (i + 1) + ": " + line);
                }
            }
        }

        assertThat(citing).as("comments quoting benchmark runs or figures (docs/benchmarks.md holds them)").isEmpty();
    }

    /** Every {@code taskledger.*} setting of application.yml (with its value) and every one the code reads. */
    private static Map<String, String> settings() {
        Map<String, String> settings = new TreeMap<>();
        try (InputStream yml = Files.newInputStream(APPLICATION_YML)) {
            Map<String, Object> root = new Yaml().load(yml);
            flatten("", root, settings);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        settings.keySet().removeIf(key -> !key.startsWith("taskledger."));
        for (Path source : javaSources("src/main/java")) {
            Matcher setting = SETTING_IN_CODE.matcher(read(source));
            while (setting.find()) {
                settings.putIfAbsent(setting.group(1), null);
            }
        }
        SETTINGS_READ_THROUGH_CONSTANTS.forEach(setting -> settings.putIfAbsent(setting, null));
        return settings;
    }

    @SuppressWarnings("unchecked")
    private static void flatten(String prefix, Map<String, Object> map, Map<String, String> into) {
        map.forEach((key, value) -> {
            String name = prefix.isEmpty() ? key : prefix + "." + key;
            if (value instanceof Map<?, ?> nested) {
                flatten(name, (Map<String, Object>) nested, into);
            } else if (value instanceof List<?> list) {
                into.put(name, list.stream().map(String::valueOf).collect(Collectors.joining(",")));
            } else {
                into.put(name, value == null ? "" : String.valueOf(value));
            }
        });
    }

    /** Named in full, or as a sibling of one named in full ({@code `taskledger.x.a` / `b`}). */
    private static boolean isDocumented(String setting, String docs) {
        if (docs.contains("`" + setting + "`") || docs.contains("`" + setting + "=")) {
            return true;
        }
        int lastDot = setting.lastIndexOf('.');
        String parent = setting.substring(0, lastDot + 1);
        String leaf = setting.substring(lastDot + 1);
        return docs.lines().anyMatch(line -> line.contains("`" + parent) && line.contains(" / `" + leaf + "`"));
    }

    private static String readmeAndLinkedDocs() {
        String readme = read(ROOT.resolve("README.md"));
        StringBuilder docs = new StringBuilder(readme);
        Matcher link = Pattern.compile("\\]\\((docs/[^)#]+\\.md)").matcher(readme);
        Set<String> seen = new TreeSet<>();
        while (link.find()) {
            if (seen.add(link.group(1))) {
                docs.append('\n').append(read(ROOT.resolve(link.group(1))));
            }
        }
        return docs.toString();
    }

    /** The environment variables of the README's configuration table (second column). */
    private static Set<String> readmeVariables() {
        Set<String> variables = new TreeSet<>();
        Matcher row = Pattern.compile("(?m)^\\| `[^|]+ \\| ([^|]+) \\|").matcher(read(ROOT.resolve("README.md")));
        while (row.find()) {
            Matcher variable = Pattern.compile("`([A-Z][A-Z0-9_]+)`").matcher(row.group(1));
            while (variable.find()) {
                variables.add(variable.group(1));
            }
        }
        return variables;
    }

    private static List<Path> javaSources(String under) {
        List<Path> sources = new ArrayList<>();
        for (String module : MODULES) {
            Path root = ROOT.resolve(module).resolve(under);
            if (Files.isDirectory(root)) {
                try (Stream<Path> files = Files.walk(root)) {
                    files.filter(file -> file.toString().endsWith(".java")).forEach(sources::add);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return sources;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
