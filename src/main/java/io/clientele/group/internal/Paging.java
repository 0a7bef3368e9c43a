package io.clientele.group.internal;

import io.clientele.operation.PageCursor;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import org.jdbi.v3.core.statement.Query;

/** Keyset paging over (a time column, an id column), newest first by default. */
record Paging(boolean newestFirst, PageCursor after, int limit) {
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 200;

    record Page<T>(List<T> items, String nextCursor) {}

    static Paging of(String order, String cursor, Integer limit) {
        return new Paging(!"oldest_first".equals(order), PageCursor.decode(cursor), limit == null ? DEFAULT_LIMIT : limit);
    }

    /** The tail of a query after its WHERE conditions: position, order and one row more than a page. */
    String sql(String atColumn, String idColumn) {
        String dir = newestFirst ? "DESC" : "ASC";
        return (after == null ? "" : " AND (" + atColumn + ", " + idColumn + ") " + (newestFirst ? "<" : ">")
                + " (:afterAt, :afterId)")
                + " ORDER BY " + atColumn + " " + dir + ", " + idColumn + " " + dir + " LIMIT :limit";
    }

    Query bind(Query query) {
        if (after != null) query.bind("afterAt", after.at()).bind("afterId", after.id());
        return query.bind("limit", limit + 1);
    }

    <T> Page<T> page(List<T> rows, Function<T, Instant> at, Function<T, String> id) {
        if (rows.size() <= limit) return new Page<>(rows, null);
        List<T> page = rows.subList(0, limit);
        T last = page.getLast();
        return new Page<>(List.copyOf(page), new PageCursor(at.apply(last), id.apply(last)).encode());
    }
}
