package io.taskledger.infra.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.taskledger.api.access.Caller;
import io.taskledger.infra.idempotency.IdempotencyFilter;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The API description served at {@code /v3/api-docs} and kept in {@code docs/openapi.json}. */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfiguration {

    static {
        // The authenticated caller is resolved from the access token, not sent as a parameter.
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class);
    }

    private static final String BEARER = "bearer";

    @Bean
    OpenAPI taskledgerOpenApi() {
        return new OpenAPI().info(new Info()
                .title("Taskledger API")
                .version("v1")
                .description("""
                        Event-sourced workflow server for agent-driven software projects. Commands answer with the \
                        project's version as ETag and honour If-Match; queries honour X-Min-Version \
                        (read-your-writes). Every POST but /api/auth/** takes an Idempotency-Key: a retry with the \
                        same key and body within 24 hours answers the first answer again (Idempotent-Replayed: \
                        true) instead of running twice. Errors are RFC 9457 problem details with a stable `code`. \
                        Every endpoint but /health, /api/auth/login, /api/auth/refresh and the API docs needs \
                        `Authorization: Bearer <accessToken>` from /api/auth/login.""")
                .license(new License().name("Apache-2.0")))
                .components(new Components().addSecuritySchemes(BEARER, new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")))
                .addSecurityItem(new SecurityRequirement().addList(BEARER));
    }

    /** The {@code Idempotency-Key} header on every POST that honours it (docs/architecture.md). */
    @Bean
    OpenApiCustomizer idempotencyKeyHeader() {
        return openApi -> openApi.getPaths().forEach((path, item) -> {
            if (item.getPost() != null && !path.startsWith("/api/auth/")) {
                item.getPost().addParametersItem(new HeaderParameter().name(IdempotencyFilter.KEY_HEADER)
                        .required(false).schema(new StringSchema().minLength(1).maxLength(255))
                        .description("Run this request at most once per key and account: a retry with the same key "
                                + "and body within 24 hours answers the first answer again; the same key with "
                                + "another request is 422 IDEMPOTENCY_KEY_REUSED, one still running 409 "
                                + "IDEMPOTENCY_KEY_IN_USE."));
            }
        });
    }
}
