package io.taskledger.infra.web;

/**
 * The codes and words of requests refused before a controller saw them: by the security filter chain's firewall, by
 * the servlet container, or by Spring MVC finding no route. Each status has one stable code.
 */
final class RefusedRequests {

    static final String MALFORMED_REQUEST = "MALFORMED_REQUEST";
    static final String NOT_FOUND = "NOT_FOUND";
    static final String METHOD_NOT_ALLOWED = "METHOD_NOT_ALLOWED";
    static final String INTERNAL_ERROR = "INTERNAL_ERROR";

    private RefusedRequests() {
    }

    static String codeFor(int status) {
        return switch (status) {
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            default -> status >= 500 ? INTERNAL_ERROR : MALFORMED_REQUEST;
        };
    }

    /** Tomcat says little about why it refused a request; what it says is mapped to the rule, never echoed. */
    static String containerDetail(int status, String message, Throwable failure) {
        String said = ((message == null ? "" : message) + " " + (failure == null ? "" : failure.getMessage()))
                .toLowerCase(java.util.Locale.ROOT);
        if (status >= 500) {
            return "an unexpected error occurred; it has been logged";
        }
        if (status == 405) {
            return "this method is not allowed here";
        }
        if (status == 404) {
            return "there is nothing at this address";
        }
        if (said.contains("too large") || said.contains("too long")) {
            return "the request line or its headers are over the server's size limit";
        }
        return "the request could not be read: its URL must be well-formed (every '%' followed by two hexadecimal "
                + "digits), and its request line and headers within the server's size limit";
    }
}
