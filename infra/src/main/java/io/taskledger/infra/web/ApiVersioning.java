package io.taskledger.infra.web;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.Paths;
import jakarta.servlet.http.HttpServletRequest;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.AntPathMatcher;
import org.springframework.web.accept.StandardApiVersionDeprecationHandler;
import org.springframework.web.servlet.config.annotation.ApiVersionConfigurer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.net.URI;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How the API is versioned (docs/api-versioning.md), in one place: the version is a path segment,
 * {@code /api/v{n}/...} ({@link ApiVersionPathFilter} takes it off the path), and the unversioned {@code /api/...}
 * stays an alias of version {@value #ALIASED}. This server serves version {@value #CURRENT}. A version or some of its
 * endpoints are deprecated by configuration ({@code taskledger.api.deprecations}), which makes every matching
 * response carry {@code Deprecation} (RFC 9745) and {@code Sunset} (RFC 8594) headers with {@code Link}s to the
 * migration notes, and marks the operations deprecated in the OpenAPI document.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ApiVersioning.Deprecations.class)
public class ApiVersioning implements WebMvcConfigurer {

    /** The newest version this server serves. */
    public static final String CURRENT = "1";
    /** The version the unversioned paths stand for, for good: clients written before versioning keep working. */
    public static final String ALIASED = "1";
    private static final List<String> SERVED = List.of("1");
    private static final AntPathMatcher PATHS = new AntPathMatcher();

    private final Deprecations deprecations;

    ApiVersioning(Deprecations deprecations) {
        this.deprecations = deprecations;
    }

    /**
     * {@code taskledger.api.deprecations.<version>}: when it was deprecated, when it goes away, where the migration
     * notes are, and optionally which paths ({@code /api/...} Ant patterns) it concerns; all of them when empty.
     */
    @ConfigurationProperties("taskledger.api")
    public record Deprecations(Map<String, Deprecation> deprecations) {

        public Deprecations {
            deprecations = deprecations == null ? Map.of() : new TreeMap<>(deprecations);
        }

        public record Deprecation(OffsetDateTime deprecatedAt, OffsetDateTime sunset, URI link, List<String> paths) {

            public Deprecation {
                paths = paths == null ? List.of() : List.copyOf(paths);
            }

            boolean concerns(String path) {
                return paths.isEmpty() || paths.stream().anyMatch(pattern -> PATHS.match(pattern, path));
            }
        }
    }

    @Override
    public void configureApiVersioning(ApiVersionConfigurer configurer) {
        configurer.useVersionResolver(ApiVersioning::requestedVersion)
                .setVersionRequired(false)
                .detectSupportedVersions(false)
                .addSupportedVersions(SERVED.toArray(String[]::new))
                .setDeprecationHandler(deprecationHandler(deprecations));
    }

    /** The path's version, {@value #ALIASED} on the unversioned API paths, none elsewhere (health, metrics, docs). */
    static String requestedVersion(HttpServletRequest request) {
        Object named = request.getAttribute(ApiVersionPathFilter.REQUESTED_VERSION);
        if (named != null) {
            return named.toString();
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.equals("/api") || path.startsWith("/api/") ? ALIASED : null;
    }

    static StandardApiVersionDeprecationHandler deprecationHandler(Deprecations configured) {
        StandardApiVersionDeprecationHandler handler = new StandardApiVersionDeprecationHandler();
        configured.deprecations().forEach((version, deprecation) -> {
            StandardApiVersionDeprecationHandler.VersionSpec spec = handler.configureVersion(version)
                    .setRequestPredicate(request -> deprecation.concerns(unversionedPath(request)));
            if (deprecation.deprecatedAt() != null) {
                spec.setDeprecationDate(deprecation.deprecatedAt().atZoneSameInstant(ZoneOffset.UTC));
            }
            if (deprecation.sunset() != null) {
                spec.setSunsetDate(deprecation.sunset().atZoneSameInstant(ZoneOffset.UTC));
            }
            if (deprecation.link() != null) {
                spec.setDeprecationLink(deprecation.link());
                if (deprecation.sunset() != null) {
                    spec.setSunsetLink(deprecation.link());
                }
            }
        });
        return handler;
    }

    private static String unversionedPath(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }

    /**
     * The OpenAPI document names the versioned paths ({@code /api/v1/...}), says that {@code /api/...} is their
     * alias, and marks what a deprecation concerns as deprecated, with its sunset.
     */
    @Bean
    OpenApiCustomizer versionedPaths() {
        return openApi -> {
            Paths versioned = new Paths();
            openApi.getPaths().forEach((path, item) -> {
                Deprecations.Deprecation deprecation = deprecations.deprecations().get(CURRENT);
                if (deprecation != null && deprecation.concerns(path)) {
                    item.readOperations().forEach(operation -> deprecate(operation, deprecation));
                }
                versioned.addPathItem(path.startsWith("/api/") ? "/api/v" + CURRENT + path.substring(4) : path,
                        item);
            });
            openApi.setPaths(versioned);
            openApi.getInfo().setVersion("v" + CURRENT);
            openApi.getInfo().setDescription(openApi.getInfo().getDescription() + """


                    Versions: every path is /api/v%s/...; the unversioned /api/... is an alias of version %s. A \
                    deprecated version or endpoint answers with Deprecation and Sunset headers (docs/api-versioning.md)."""
                    .formatted(CURRENT, ALIASED));
        };
    }

    private static void deprecate(Operation operation, Deprecations.Deprecation deprecation) {
        operation.setDeprecated(true);
        if (deprecation.sunset() != null) {
            operation.setDescription((operation.getDescription() == null ? "" : operation.getDescription() + " ")
                    + "Deprecated; removed after " + deprecation.sunset() + ".");
        }
    }
}
