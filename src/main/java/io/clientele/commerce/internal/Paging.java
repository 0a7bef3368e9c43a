package io.clientele.commerce.internal;

import io.clientele.operation.PageCursor;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import org.jdbi.v3.core.statement.Query;

/** Keyset paging over (created_at, id), as every catalogue list does it. */
record Paging(boolean newestFirst, PageCursor after, int limit) {
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 200;

    /** One page of items and the cursor of the next, null on the last page. */
    record Page<T>(List<T> items, String nextCursor) {}

    /** From an operation's {@code order}, {@code cursor} and {@code limit} (any may be null). */
    static Paging of(String order, String cursor, Integer limit) {
        return new Paging(!"oldest_first".equals(order), PageCursor.decode(cursor), limit == null ? DEFAULT_LIMIT : limit);
    }

    /** The tail of the query after its WHERE conditions: position, order and one row more than a page. */
    String sql() {
        String dir = newestFirst ? "DESC" : "ASC";
        return (after == null ? "" : " AND (created_at, id) " + (newestFirst ? "<" : ">") + " (:afterAt, :afterId)")
                + " ORDER BY created_at " + dir + ", id " + dir + " LIMIT :limit";
    }

    Query bind(Query query) {
        if (after != null) query.bind("afterAt", after.at()).bind("afterId", after.id());
        return query.bind("limit", limit + 1);
    }

    /** Cuts the extra row off and, when there was one, points the next cursor at the page's last item. */
    <T> Page<T> page(List<T> rows, Function<T, Instant> createdAt, Function<T, String> id) {
        if (rows.size() <= limit) return new Page<>(rows, null);
        List<T> page = rows.subList(0, limit);
        T last = page.getLast();
        return new Page<>(List.copyOf(page), new PageCursor(createdAt.apply(last), id.apply(last)).encode());
    }
}
