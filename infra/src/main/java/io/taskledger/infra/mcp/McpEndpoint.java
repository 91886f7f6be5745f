package io.taskledger.infra.mcp;

import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpStatelessServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpStatelessSyncServer;
import io.modelcontextprotocol.server.transport.DefaultServerTransportSecurityValidator;
import io.modelcontextprotocol.server.transport.HttpServletStatelessServerTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.taskledger.api.mcp.ToolArguments;
import io.taskledger.infra.security.SecurityProperties;
import io.taskledger.infra.web.RequestContext;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * {@value #PATH}: the Model Context Protocol's Streamable HTTP transport, stateless (docs/mcp.md). Every JSON-RPC
 * request is a POST answered with one JSON response, and the server keeps nothing between requests (no
 * {@code Mcp-Session-Id}), so any node behind the load balancer answers any request. The request passes the same
 * filter chain as every API path: a valid bearer token is required (401 otherwise), and the caller it names runs
 * every tool call. The tools are declared by the modules that own their commands and queries ({@code TaskMcpTools},
 * {@code BoardMcpTools}), each described by its {@code mcp/tools/<name>.json}; {@link McpToolCalls} runs them.
 */
@Configuration(proxyBeanMethods = false)
class McpEndpoint {

    static final String PATH = "/mcp";

    private static final String INSTRUCTIONS = """
            Taskledger runs the workflow of agent-driven software projects: plans of phases, tasks and subtasks with \
            prerequisites and success criteria. You act as your own account. Work loop: next_task tells which READY \
            subtask to take; get_task shows its steps and the success criteria (each with the `criterion` id a report \
            names); start_task opens attempt n with a lease; do the work; report_attempt with one result per \
            criterion (passed, and evidence). A refused call answers isError with a code (TASK_NOT_READY, \
            VERSION_MISMATCH, PROJECT_NOT_FOUND, ...) and the rule in words. Managers: list_escalations and \
            resolve_escalation.""";

    /**
     * A request from a browser page ({@code Origin}) is refused (403) unless its origin may call the API at all
     * ({@code taskledger.security.cors.allowed-origins}, none by default), as the transport's specification asks
     * against DNS rebinding; clients that are not browsers send no {@code Origin}.
     */
    @Bean
    HttpServletStatelessServerTransport mcpTransport(SecurityProperties security) {
        return HttpServletStatelessServerTransport.builder()
                .jsonMapper(McpJsonDefaults.getMapper())
                .messageEndpoint(PATH)
                .contextExtractor(McpEndpoint::callContext)
                .securityValidator(DefaultServerTransportSecurityValidator.builder()
                        .allowedOrigins(security.getCors().getAllowedOrigins()).build())
                .build();
    }

    @Bean
    ServletRegistrationBean<HttpServletStatelessServerTransport> mcpServlet(
            HttpServletStatelessServerTransport transport) {
        ServletRegistrationBean<HttpServletStatelessServerTransport> servlet =
                new ServletRegistrationBean<>(transport, PATH);
        servlet.setAsyncSupported(true);
        servlet.setName("mcp");
        return servlet;
    }

    @Bean(destroyMethod = "close")
    McpStatelessSyncServer mcpServer(HttpServletStatelessServerTransport transport, List<SyncToolSpecification> tools,
                                     McpToolCalls calls, @Value("${taskledger.mcp.request-timeout}") Duration timeout,
                                     @Value("${info.app.version:0.1.0}") String version) {
        McpJsonMapper json = McpJsonDefaults.getMapper();
        List<SyncToolSpecification> served = tools.stream()
                .sorted(Comparator.comparing(tool -> tool.tool().name()))
                .map(tool -> calls.served(described(json, tool.tool().name()), tool))
                .toList();
        return McpServer.sync(transport)
                .serverInfo("taskledger", version)
                .instructions(INSTRUCTIONS)
                .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
                .tools(served)
                // The tools read their arguments themselves, refusing bad ones with INVALID_INPUT naming the field.
                .validateToolInputs(false)
                // On the request's thread: the caller, its correlation id and the channel are the request's.
                .immediateExecution(true)
                .requestTimeout(timeout)
                .build();
    }

    /** The tool as {@code tools/list} shows it: name, description, input and output schemas, hints. */
    static McpSchema.Tool described(McpJsonMapper json, String name) {
        ClassPathResource resource = new ClassPathResource("mcp/tools/" + name + ".json");
        try {
            McpSchema.Tool tool = json.readValue(resource.getContentAsString(StandardCharsets.UTF_8),
                    McpSchema.Tool.class);
            if (!name.equals(tool.name())) {
                throw new IllegalStateException(resource + " describes the tool '" + tool.name() + "', not " + name);
            }
            return tool;
        } catch (IOException e) {
            throw new UncheckedIOException("the MCP tool " + name + " has no description at " + resource, e);
        }
    }

    /** The tool call's context: the caller the filter chain authenticated (none reaches here without one). */
    private static McpTransportContext callContext(HttpServletRequest request) {
        return RequestContext.caller()
                .map(caller -> McpTransportContext.create(Map.of(ToolArguments.CALLER, caller)))
                .orElse(McpTransportContext.EMPTY);
    }
}
