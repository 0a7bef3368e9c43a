package io.clientele.customer.internal;

import io.clientele.operation.PageCursor;
import io.clientele.platform.Tx;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

/** SQL for {@code note}. Notes are never changed once written. */
public final class NoteStore {
    public record Note(String noteId, String itemType, String itemId, String customerId, String text, String authorKind,
                       String authorName, Instant createdAt) {}

    public void insert(Tx tx, Note n) {
        tx.handle().createUpdate("""
                        INSERT INTO note (tenant_id, id, item_type, item_id, customer_id, text, author_kind, author_name, created_at)
                        VALUES (:tenant, :id, :type, :item, :customer, :text, :kind, :name, :at)""")
                .bind("tenant", tx.tenant().value())
                .bind("id", n.noteId())
                .bind("type", n.itemType())
                .bind("item", n.itemId())
                .bind("customer", n.customerId())
                .bind("text", n.text())
                .bind("kind", n.authorKind())
                .bind("name", n.authorName())
                .bind("at", n.createdAt())
                .execute();
    }

    /**
     * Notes newest first. For a customer with {@code related}, also the notes on its sales, shipments,
     * subscriptions and other records, since they are part of its history.
     */
    public List<Note> list(Tx tx, String itemType, String itemId, boolean related, PageCursor before, int limit) {
        String where = related && itemType.equals("customer")
                ? "customer_id = :item"
                : "item_type = :type AND item_id = :item";
        String page = before == null ? "" : " AND (created_at, id) < (:before, :beforeId)";
        return tx.handle().createQuery("SELECT id, item_type, item_id, customer_id, text, author_kind, author_name, created_at"
                        + " FROM note WHERE tenant_id = :tenant AND " + where + page
                        + " ORDER BY created_at DESC, id DESC LIMIT :limit")
                .bind("tenant", tx.tenant().value())
                .bind("type", itemType)
                .bind("item", itemId)
                .bind("before", before == null ? null : before.at())
                .bind("beforeId", before == null ? null : before.id())
                .bind("limit", limit)
                .map((rs, ctx) -> read(rs))
                .list();
    }

    /** The customer's newest notes (on itself and its related records), and how many it has in all. */
    public record Latest(long count, List<Note> latest) {}

    /** One statement: the count comes from a window over every matching row, before the limit applies. */
    private static final String LATEST_FOR_CUSTOMER = """
            SELECT id, item_type, item_id, customer_id, text, author_kind, author_name, created_at,
                   count(*) OVER () AS total
            FROM note WHERE tenant_id = :tenant AND customer_id = :customer
            ORDER BY created_at DESC, id DESC LIMIT :limit""";

    /** The profile's notes: how many, and the {@code limit} newest (in one SELECT of GetCustomer's batch). */
    static io.clientele.platform.BatchedSelects.Select profileLatest(String section, int limit) {
        return new io.clientele.platform.BatchedSelects.Select(section, LATEST_FOR_CUSTOMER, java.util.Map.of("limit", limit),
                (rs, customerId) -> latest(rs));
    }

    private static Latest latest(java.sql.ResultSet rs) throws java.sql.SQLException {
        long count = 0;
        List<Note> notes = new java.util.ArrayList<>();
        while (rs.next()) {
            count = rs.getLong("total");
            notes.add(read(rs));
        }
        return new Latest(count, notes);
    }

    private static Note read(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Note(rs.getString("id"), rs.getString("item_type"), rs.getString("item_id"),
                rs.getString("customer_id"), rs.getString("text"), rs.getString("author_kind"),
                rs.getString("author_name"), rs.getObject("created_at", OffsetDateTime.class).toInstant());
    }
}
