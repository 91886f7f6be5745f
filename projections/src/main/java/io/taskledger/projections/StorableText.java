package io.taskledger.projections;

/**
 * Text as a read model can store it. PostgreSQL's text refuses the NUL character, which the event store (JSON in
 * {@code bytea}) keeps: events written before the door refused it must still be projected, so a NUL becomes U+FFFD,
 * the replacement character, in the read models only. One scan of the string, and no copy when there is no NUL.
 */
public final class StorableText {

    public static final char REPLACEMENT = '\uFFFD';

    private StorableText() {
    }

    public static String of(String text) {
        if (text == null || text.indexOf('\0') < 0) {
            return text;
        }
        return text.replace('\0', REPLACEMENT);
    }
}
