package io.taskledger.infra.web;

import org.springframework.http.HttpStatus;

import java.net.URI;
import java.util.Locale;

/**
 * An RFC 9457 problem detail as JSON text, for the few answers written where Spring MVC's message converters are out
 * of reach (Tomcat's own refusals). The same fields as {@link ProblemDetailsAdvice}'s answers.
 */
final class ProblemJson {

    static final String MEDIA_TYPE = "application/problem+json";

    private ProblemJson() {
    }

    static URI type(String code) {
        return URI.create("https://taskledger.dev/problems/" + code.toLowerCase(Locale.ROOT).replace('_', '-'));
    }

    static String of(int status, String code, String detail) {
        HttpStatus known = HttpStatus.resolve(status);
        String title = known == null ? "Error" : known.getReasonPhrase();
        return "{\"type\":" + quoted(type(code).toString()) + ",\"title\":" + quoted(title) + ",\"status\":" + status
                + ",\"detail\":" + quoted(detail) + ",\"code\":" + quoted(code) + "}";
    }

    private static String quoted(String text) {
        StringBuilder json = new StringBuilder(text.length() + 2).append('"');
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append('"').toString();
    }
}
