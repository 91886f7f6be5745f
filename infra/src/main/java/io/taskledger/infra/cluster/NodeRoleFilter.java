package io.taskledger.infra.cluster;

import io.taskledger.api.error.ErrorCode;
import io.taskledger.api.error.TaskledgerException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

import java.io.IOException;
import java.util.Optional;

/**
 * Refuses a request this node has no role for ({@link NodeRole#neededFor}) with 421 {@code NOT_A_COMMAND_NODE} or
 * {@code NOT_A_QUERY_NODE}. It runs right after the version is taken off the path and before security, rate limits
 * and the {@code Idempotency-Key} record: a misdirected request costs no token check, counts against no limit and
 * claims no key, so the client can send it again, unchanged, to a node that runs the role.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
class NodeRoleFilter extends OncePerRequestFilter {

    private final NodeRoles roles;
    private final HandlerExceptionResolver errors;

    NodeRoleFilter(NodeRoles roles, @Qualifier("handlerExceptionResolver") HandlerExceptionResolver errors) {
        this.roles = roles;
        this.errors = errors;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return roles.runs(NodeRole.COMMAND) && roles.runs(NodeRole.QUERY);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        Optional<NodeRole> needed = NodeRole.neededFor(request.getMethod(), path);
        if (needed.isEmpty() || roles.runs(needed.get())) {
            chain.doFilter(request, response);
            return;
        }
        errors.resolveException(request, response, null, needed.get() == NodeRole.COMMAND
                ? new TaskledgerException(ErrorCode.NOT_A_COMMAND_NODE, "this server node does not take commands"
                        + " (its roles: " + roles + "); send the request, unchanged, to a node with the role command")
                : new TaskledgerException(ErrorCode.NOT_A_QUERY_NODE, "this server node does not answer reads"
                        + " (its roles: " + roles + "); send the request, unchanged, to a node with the role query"));
    }
}
