package io.clientele.operation;

import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import org.jdbi.v3.core.statement.Query;

/**
 * Keyset paging over (a time column, an id column), newest first by default: the position, order and
 * limit of a list operation, the SQL tail that applies them, and the page with its {@code next_cursor}.
 */
public record Paging(boolean newestFirst, PageCursor after, int limit) {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;

    /** One page of items and the cursor of the next, null on the last page. */
    public record Page<T>(List<T> items, String nextCursor) {}

    /** From an operation's {@code order}, {@code cursor} and {@code limit} (any may be null). */
    public static Paging of(String order, String cursor, Integer limit) {
        return new Paging(!"oldest_first".equals(order), PageCursor.decode(cursor), limit == null ? DEFAULT_LIMIT : limit);
    }

    /** The tail of a query after its WHERE conditions, over {@code created_at} and {@code id}. */
    public String sql() {
        return sql("created_at", "id");
    }

    /** The tail of a query after its WHERE conditions: position, order and one row more than a page. */
    public String sql(String atColumn, String idColumn) {
        String dir = newestFirst ? "DESC" : "ASC";
        return (after == null ? "" : " AND (" + atColumn + ", " + idColumn + ") " + (newestFirst ? "<" : ">")
                + " (:afterAt, :afterId)")
                + " ORDER BY " + atColumn + " " + dir + ", " + idColumn + " " + dir + " LIMIT :limit";
    }

    public Query bind(Query query) {
        if (after != null) query.bind("afterAt", after.at()).bind("afterId", after.id());
        return query.bind("limit", limit + 1);
    }

    /** Cuts the extra row off and, when there was one, points the next cursor at the page's last item. */
    public <T> Page<T> page(List<T> rows, Function<T, Instant> at, Function<T, String> id) {
        if (rows.size() <= limit) return new Page<>(rows, null);
        List<T> page = rows.subList(0, limit);
        T last = page.getLast();
        return new Page<>(List.copyOf(page), new PageCursor(at.apply(last), id.apply(last)).encode());
    }
}
