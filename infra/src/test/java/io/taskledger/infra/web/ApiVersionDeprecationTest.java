package io.taskledger.infra.web;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.info.Info;
import io.taskledger.infra.web.ApiVersioning.Deprecations;
import io.taskledger.infra.web.ApiVersioning.Deprecations.Deprecation;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.accept.SemanticApiVersionParser;
import org.springframework.web.accept.StandardApiVersionDeprecationHandler;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The deprecation mechanism, from {@code taskledger.api.deprecations} to the headers and the OpenAPI document. The
 * server deprecates nothing today, so the shared integration context cannot show it; {@code ApiVersioningTest} shows
 * that the versioned paths reach this handler.
 */
class ApiVersionDeprecationTest {

    private static final Deprecations PROJECTS_OF_V1 = new Deprecations(Map.of("1", new Deprecation(
            OffsetDateTime.parse("2027-01-04T00:00:00Z"), OffsetDateTime.parse("2027-07-05T00:00:00Z"),
            URI.create("https://example.org/taskledger/migrate-to-v2"), List.of("/api/projects/**"))));

    @Test
    void a_deprecated_version_answers_with_deprecation_sunset_and_links_on_the_paths_it_concerns() {
        StandardApiVersionDeprecationHandler handler = ApiVersioning.deprecationHandler(PROJECTS_OF_V1);

        MockHttpServletResponse projects = handled(handler, "1", "/api/projects/7f0c/tasks");
        assertThat(projects.getHeader("Deprecation")).isEqualTo("@1799020800");
        assertThat(projects.getHeader("Sunset")).matches("Mon, 0?5 Jul 2027 00:00:00 GMT");
        assertThat(projects.getHeaders("Link")).containsExactlyInAnyOrder(
                "<https://example.org/taskledger/migrate-to-v2>; rel=\"deprecation\"; type=\"text/html\"",
                "<https://example.org/taskledger/migrate-to-v2>; rel=\"sunset\"; type=\"text/html\"");

        assertThat(handled(handler, "1", "/api/users/me").getHeader("Deprecation")).isNull();
        assertThat(handled(handler, "2", "/api/projects").getHeader("Deprecation")).isNull();
        assertThat(handled(ApiVersioning.deprecationHandler(new Deprecations(null)), "1", "/api/projects")
                .getHeaderNames()).isEmpty();
    }

    @Test
    void the_openapi_document_names_the_versioned_paths_and_marks_what_is_deprecated() {
        OpenAPI document = new OpenAPI().info(new Info().description("Taskledger.")).paths(new Paths()
                .addPathItem("/api/projects", new PathItem().get(new Operation().operationId("projects")))
                .addPathItem("/api/users/me", new PathItem().get(new Operation().operationId("me")))
                .addPathItem("/health", new PathItem().get(new Operation().operationId("health"))));

        new ApiVersioning(PROJECTS_OF_V1).versionedPaths().customise(document);

        assertThat(document.getPaths()).containsOnlyKeys("/api/v1/projects", "/api/v1/users/me", "/health");
        assertThat(document.getPaths().get("/api/v1/projects").getGet().getDeprecated()).isTrue();
        assertThat(document.getPaths().get("/api/v1/projects").getGet().getDescription())
                .contains("removed after 2027-07-05T00:00Z");
        assertThat(document.getPaths().get("/api/v1/users/me").getGet().getDeprecated()).isNull();
        assertThat(document.getInfo().getDescription()).contains("/api/... is an alias of version 1");
    }

    private static MockHttpServletResponse handled(StandardApiVersionDeprecationHandler handler, String version,
                                                   String path) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
        MockHttpServletResponse response = new MockHttpServletResponse();
        handler.handleVersion(new SemanticApiVersionParser().parseVersion(version), new Object(), request, response);
        return response;
    }
}
