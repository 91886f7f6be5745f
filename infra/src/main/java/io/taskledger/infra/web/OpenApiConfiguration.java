package io.taskledger.infra.web;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The API description served at {@code /v3/api-docs} and kept in {@code docs/openapi.json}. */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfiguration {

    @Bean
    OpenAPI taskledgerOpenApi() {
        return new OpenAPI().info(new Info()
                .title("Taskledger API")
                .version("v1")
                .description("""
                        Event-sourced workflow server for agent-driven software projects. Commands answer with the \
                        project's version as ETag and honour If-Match; queries honour X-Min-Version \
                        (read-your-writes). Errors are RFC 9457 problem details with a stable `code`.""")
                .license(new License().name("Apache-2.0")));
    }
}
