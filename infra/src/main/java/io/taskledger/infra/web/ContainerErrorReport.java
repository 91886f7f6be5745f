package io.taskledger.infra.web;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

import java.io.IOException;
import java.io.PrintWriter;

/**
 * Tomcat's answer to a request it refuses before any filter or controller sees it (a malformed {@code %} escape, a
 * request line or headers over the size limit): a problem detail like every other error, instead of Tomcat's HTML
 * page, and nothing that names the server's software or version.
 */
class ContainerErrorReport extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        String body = ProblemJson.of(status, RefusedRequests.codeFor(status),
                RefusedRequests.containerDetail(status, response.getMessage(), throwable));
        try {
            response.setContentType(ProblemJson.MEDIA_TYPE);
            response.setCharacterEncoding("UTF-8");
            response.setHeader("X-Content-Type-Options", "nosniff");
            response.setHeader("Cache-Control", "no-store");
            PrintWriter writer = response.getReporter();
            if (writer != null) {
                writer.write(body);
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException answerAlreadyGone) {
            // The connection is closing anyway: nothing more can be said.
        }
    }
}
