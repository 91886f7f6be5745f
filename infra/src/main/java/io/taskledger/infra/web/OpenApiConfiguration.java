package io.taskledger.infra.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.BooleanSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.taskledger.api.access.Caller;
import io.taskledger.api.input.InputLimits;
import io.taskledger.api.query.PageRequest;
import io.taskledger.infra.idempotency.IdempotencyFilter;
import io.taskledger.query.api.PagedLists;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

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
                        (read-your-writes within a project). Every command also answers X-Min-Position, the event \
                        store's position after it: any query sent with it waits until the read models it is answered \
                        from have handled it (503 READ_MODEL_BEHIND past the bound). Lists answer one page: limit, \
                        after, and the headers X-Has-More and X-Next-After. Every POST but /api/auth/** takes an Idempotency-Key: a retry with the \
                        same key and body within 24 hours answers the first answer again (Idempotent-Replayed: \
                        true) instead of running twice. Errors are RFC 9457 problem details with a stable `code`. \
                        Every endpoint but /health, /api/auth/login, /api/auth/refresh and the API docs needs \
                        `Authorization: Bearer <accessToken>` from /api/auth/login. In a cluster whose nodes have \
                        roles, a node without the command role answers writes, and one without the query role \
                        reads, with 421 NOT_A_COMMAND_NODE or NOT_A_QUERY_NODE: send the request unchanged to \
                        another node.""")
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

    /**
     * The paged lists (docs/architecture.md, "Paged lists"): what {@code limit} and {@code after} mean, and the headers
     * that say where the page ended. The event log, which answers an object with the same fields, is left as it is.
     */
    @Bean
    OpenApiCustomizer pagedListsInApiDescription() {
        return openApi -> openApi.getPaths().forEach((path, item) -> {
            Operation read = item.getGet();
            if (read == null || read.getParameters() == null || path.endsWith("/events")
                    || read.getParameters().stream().noneMatch(parameter -> "after".equals(parameter.getName()))) {
                return;
            }
            read.getParameters().forEach(parameter -> {
                if ("limit".equals(parameter.getName())) {
                    parameter.description("Items per page, 1 to " + PageRequest.MAX_LIMIT + "; "
                            + PageRequest.DEFAULT_LIMIT + " when absent. More is 400 INVALID_INPUT.");
                } else if ("after".equals(parameter.getName())) {
                    parameter.description("The page after this cursor: the " + PagedLists.NEXT_AFTER_HEADER
                            + " header of the page before; absent for the first page. A malformed cursor is 400 "
                            + "INVALID_INPUT.");
                }
            });
            ApiResponse ok = read.getResponses() == null ? null : read.getResponses().get("200");
            if (ok != null) {
                ok.addHeaderObject(PagedLists.HAS_MORE_HEADER, new Header().schema(new BooleanSchema())
                        .description("true while items follow this page"));
                ok.addHeaderObject(PagedLists.NEXT_AFTER_HEADER, new Header().schema(new StringSchema())
                        .description("the cursor of the page's last item: send it as `after` for the next page"));
            }
        });
    }

    /**
     * States the input limits ({@link InputLimits}, the one table the command bus checks) on every schema a request
     * body uses: {@code maxLength} of text fields, {@code maxItems} of lists, {@code minimum} and {@code maximum} of
     * counts, by field name.
     */
    @Bean
    OpenApiCustomizer inputLimitsInApiDescription() {
        return openApi -> {
            Map<String, Schema> schemas = openApi.getComponents() == null ? null : openApi.getComponents().getSchemas();
            if (schemas == null || openApi.getPaths() == null) {
                return;
            }
            Deque<String> toVisit = new ArrayDeque<>();
            openApi.getPaths().values().forEach(path -> path.readOperations().forEach(operation -> {
                if (operation.getRequestBody() != null && operation.getRequestBody().getContent() != null) {
                    operation.getRequestBody().getContent().values()
                            .forEach(media -> referenced(media.getSchema(), toVisit));
                }
            }));
            Set<String> visited = new HashSet<>();
            while (!toVisit.isEmpty()) {
                String name = toVisit.pop();
                Schema<?> schema = schemas.get(name);
                if (!visited.add(name) || schema == null || schema.getProperties() == null) {
                    continue;
                }
                schema.getProperties().forEach((field, property) -> {
                    limit(field, property);
                    referenced(property, toVisit);
                });
            }
        };
    }

    private static void limit(String field, Schema<?> property) {
        if (isOf(property, "string") && InputLimits.MAX_LENGTH.containsKey(field)) {
            property.setMaxLength(InputLimits.maxLength(field));
        } else if (isOf(property, "array") && InputLimits.MAX_ITEMS.containsKey(field)) {
            property.setMaxItems(InputLimits.maxItems(field));
            if (field.equals("prerequisites") && property.getItems() != null) {
                property.getItems().setMaxLength(InputLimits.maxLength("key"));  // task keys
            }
        } else if (InputLimits.RANGES.containsKey(field)) {
            property.setMinimum(BigDecimal.valueOf(InputLimits.RANGES.get(field).min()));
            property.setMaximum(BigDecimal.valueOf(InputLimits.RANGES.get(field).max()));
        }
    }

    /** OpenAPI 3.1 lists a schema's types; 3.0 names one. */
    private static boolean isOf(Schema<?> schema, String type) {
        return type.equals(schema.getType()) || schema.getTypes() != null && schema.getTypes().contains(type);
    }

    /** The component schemas a schema refers to, itself or through its items. */
    private static void referenced(Schema<?> schema, Deque<String> names) {
        if (schema == null) {
            return;
        }
        if (schema.get$ref() != null) {
            names.push(schema.get$ref().substring(schema.get$ref().lastIndexOf('/') + 1));
        }
        if (schema.getItems() != null) {
            referenced(schema.getItems(), names);
        }
    }
}
