package io.taskledger.infra.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The version in the path (docs/api-versioning.md): {@code /api/v1/projects} is {@code /api/projects} of version 1.
 * The version is taken off the path here, before security, rate limits and routing, so every rule and every mapping
 * is written once, for {@code /api/...}, and holds for each version's path alike. Spring MVC then checks the version
 * ({@link ApiVersioning}): one it does not serve is refused, a deprecated one is answered with its headers.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class ApiVersionPathFilter extends OncePerRequestFilter {

    /** The version the client named in the path; absent when it called the unversioned alias {@code /api/...}. */
    static final String REQUESTED_VERSION = ApiVersionPathFilter.class.getName() + ".requestedVersion";
    private static final Pattern VERSIONED = Pattern.compile("/api/v(\\d+)(/.*)?");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        Matcher versioned = VERSIONED.matcher(path);
        if (!versioned.matches()) {
            chain.doFilter(request, response);
            return;
        }
        request.setAttribute(REQUESTED_VERSION, versioned.group(1));
        String unversioned = "/api" + (versioned.group(2) == null ? "" : versioned.group(2));
        chain.doFilter(new UnversionedPath(request, unversioned), response);
    }

    /** The request as it would be on the unversioned path; query string, headers and body unchanged. */
    private static final class UnversionedPath extends HttpServletRequestWrapper {

        private final String path;

        UnversionedPath(HttpServletRequest request, String path) {
            super(request);
            this.path = path;
        }

        @Override
        public String getRequestURI() {
            return getContextPath() + path;
        }

        @Override
        public StringBuffer getRequestURL() {
            StringBuffer url = new StringBuffer();
            url.append(getScheme()).append("://").append(getServerName());
            int port = getServerPort();
            if (port > 0 && !(("http".equals(getScheme()) && port == 80) || ("https".equals(getScheme()) && port == 443))) {
                url.append(':').append(port);
            }
            return url.append(getRequestURI());
        }

        @Override
        public String getServletPath() {
            return path;
        }

        @Override
        public String getPathInfo() {
            return null;
        }
    }
}
