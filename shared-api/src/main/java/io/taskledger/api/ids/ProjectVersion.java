package io.taskledger.api.ids;

import io.taskledger.api.error.ErrorCode;
import io.taskledger.api.error.TaskledgerException;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A project's version: the sequence number of its last event. Commands answer it as their {@code ETag}; clients send
 * it back as {@code If-Match} (a command's expected version), {@code X-Min-Version} (a read that must reflect it) and
 * {@code If-None-Match} (a read answered 304 while it is still current). Every one of them is parsed here, once.
 */
public record ProjectVersion(long value) implements Comparable<ProjectVersion> {

    /** The bare number, or the quoted ETag as a command answered it ({@code "12"}, also weak: {@code W/"12"}). */
    private static final Pattern TEXT = Pattern.compile("(?:W/)?\"?(\\d{1,18})\"?");

    public ProjectVersion {
        if (value < 0) {
            throw new IllegalArgumentException("a project version is a number from 0, not " + value);
        }
    }

    public static ProjectVersion of(long value) {
        return new ProjectVersion(value);
    }

    /**
     * The version a request header names; null when the header is absent.
     *
     * @throws TaskledgerException INVALID_INPUT naming the header when the text is not a version
     */
    public static ProjectVersion fromHeader(String header, String text) {
        if (text == null) {
            return null;
        }
        Matcher matcher = TEXT.matcher(text.strip());
        if (!matcher.matches()) {
            throw new TaskledgerException(ErrorCode.INVALID_INPUT,
                    header + " must be a project version such as \"12\" (a number from 0), not '" + text + "'");
        }
        return new ProjectVersion(Long.parseLong(matcher.group(1)));
    }

    /** A version stored as a number or as its text (command metadata). */
    public static ProjectVersion fromMetadata(Object stored) {
        return stored instanceof Number number ? new ProjectVersion(number.longValue())
                : new ProjectVersion(Long.parseLong(stored.toString()));
    }

    public boolean isAtLeast(ProjectVersion other) {
        return value >= other.value;
    }

    /** The strong entity tag of this version, as HTTP carries it: {@code "12"}. */
    public String etag() {
        return "\"" + value + "\"";
    }

    @Override
    public int compareTo(ProjectVersion other) {
        return Long.compare(value, other.value);
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
