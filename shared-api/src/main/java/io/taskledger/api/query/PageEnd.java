package io.taskledger.api.query;

/**
 * Where a page of a list ended.
 *
 * @param nextAfter the cursor of the page's last item (the {@code after} of the next page), or the request's
 *                  {@code after} when the page is empty (null on an empty first page)
 * @param hasMore   whether items past this page existed when it was read
 */
public record PageEnd(String nextAfter, boolean hasMore) {

    /** A list answered whole. */
    public static final PageEnd WHOLE = new PageEnd(null, false);
}
