package io.clientele.commerce.internal;

import io.clientele.platform.BatchedSelects;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.clientele.commerce.ProductPurchased;
import io.clientele.commerce.RecentSale;
import io.clientele.commerce.Refund;
import io.clientele.commerce.SaleStatus;
import io.clientele.operation.PageCursor;
import io.clientele.platform.Json;
import io.clientele.platform.Tx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * SQL for one customer's purchase history as the profile shows it: products purchased, recent sales and
 * refunds. Each read is one statement on an index that starts with (tenant_id, customer_id).
 */
public final class PurchaseHistoryStore {
    /** The statuses whose product sales count as purchased (the successful sales of docs/commerce.md). */
    public static final String SUCCESSFUL = "('paid', 'partially_refunded', 'refunded')";

    /**
     * Products bought in successful sales, most recently bought first (after {@code after}, when given); {@code limit + 1} rows at most, so the
     * caller can tell there are more. A refund of a whole sale is shared among its lines by their totals.
     */
    public List<ProductPurchased> productsPurchased(Tx tx, String customerId, PageCursor after, int limit) {
        return tx.handle().createQuery(productsPurchased(after == null ? ""
                        : "HAVING (max(l.sold_at), l.product_id) < (:afterAt, :afterId)"))
                .bindMap(after == null ? java.util.Map.of() : java.util.Map.of("afterAt", after.at(), "afterId", after.id()))
                .bind("tenant", tx.tenant().value())
                .bind("customer", customerId)
                .bind("limit", limit + 1)
                .map((rs, ctx) -> productPurchased(rs))
                .list();
    }

    /** The profile's products_purchased: the first {@code limit} and whether there are more. */
    static BatchedSelects.Select profileProductsPurchased(String section, int limit) {
        return new BatchedSelects.Select(section, productsPurchased(""), java.util.Map.of("limit", limit + 1),
                (rs, customerId) -> {
                    List<ProductPurchased> rows = new ArrayList<>();
                    while (rs.next()) rows.add(productPurchased(rs));
                    return new CommerceSections.Listed(rows.size() > limit ? rows.subList(0, limit) : rows, rows.size() > limit);
                });
    }

    private static ProductPurchased productPurchased(ResultSet rs) throws SQLException {
        return new ProductPurchased(rs.getString("product_id"), rs.getString("name"),
                rs.getString("internal_id"), rs.getString("sku"), rs.getLong("quantity"),
                rs.getBigDecimal("average_price").setScale(2), rs.getBigDecimal("gross"), rs.getBigDecimal("refunded"),
                rs.getInt("purchase_count"), instant(rs, "first_purchased_at"), instant(rs, "last_purchased_at"));
    }

    /**
     * The customer's lines in successful sales are summed per product, and only the page (after {@code having},
     * the cursor's condition) is joined to the catalogue for names: joining the catalogue before the sums let
     * the planner, when it thinks the catalogue tiny (a table of under 50 rows is never auto-analyzed), scan
     * the tenant's whole catalogue once per line instead of looking each product up.
     */
    private static String productsPurchased(String having) {
        return """
                WITH line AS (
                    SELECT p.product_id, p.sale_id, p.quantity, p.price, p.total, s.sold_at,
                           p.refunded + CASE WHEN s.total = 0 THEN 0 ELSE round(
                               (s.refunded - sum(p.refunded) OVER (PARTITION BY p.sale_id)) * p.total / s.total, 2)
                           END AS refunded
                    FROM product_sale p
                    JOIN sale s ON s.tenant_id = p.tenant_id AND s.id = p.sale_id
                    WHERE p.tenant_id = :tenant AND p.customer_id = :customer AND s.status IN\s""" + SUCCESSFUL + """
                ),
                bought AS MATERIALIZED (
                    SELECT l.product_id, sum(l.quantity) AS quantity,
                           round(sum(l.quantity * l.price) / sum(l.quantity), 2) AS average_price,
                           sum(l.total) AS gross, sum(l.refunded) AS refunded, count(DISTINCT l.sale_id) AS purchase_count,
                           min(l.sold_at) AS first_purchased_at, max(l.sold_at) AS last_purchased_at
                    FROM line l
                    GROUP BY l.product_id
                    """ + having + """
                    ORDER BY max(l.sold_at) DESC, l.product_id DESC
                    LIMIT :limit
                )
                SELECT b.product_id, pr.name, pr.internal_id, pr.sku, b.quantity, b.average_price, b.gross, b.refunded,
                       b.purchase_count, b.first_purchased_at, b.last_purchased_at
                FROM bought b
                JOIN product pr ON pr.tenant_id = :tenant AND pr.id = b.product_id
                ORDER BY b.last_purchased_at DESC, b.product_id DESC""";
    }

    static BatchedSelects.Select profileRecentSales(String section, int limit) {
        return new BatchedSelects.Select(section, RECENT_SALES, java.util.Map.of("limit", limit), (rs, customerId) -> {
            List<RecentSale> out = new ArrayList<>();
            while (rs.next()) out.add(recentSale(rs));
            return out;
        });
    }

    private static RecentSale recentSale(ResultSet rs) throws SQLException {
        return new RecentSale(rs.getString("id"), rs.getString("external_id"),
                SaleStatus.fromWire(rs.getString("status")), instant(rs, "sold_at"), rs.getBigDecimal("total"),
                rs.getBigDecimal("refunded"), lines(rs.getString("lines")));
    }

    /** Each line's product name is a lookup by key, for the same reason as in {@link #productsPurchased(String)}. */
    private static final String RECENT_SALES = """
                        SELECT s.id, s.external_id, s.status, s.sold_at, s.total, s.refunded,
                               (SELECT json_agg(json_build_object('product_id', p.product_id,
                                       'name', (SELECT pr.name FROM product pr WHERE pr.tenant_id = p.tenant_id AND pr.id = p.product_id),
                                       'quantity', p.quantity, 'total', p.total) ORDER BY p.position)
                                FROM product_sale p
                                WHERE p.tenant_id = s.tenant_id AND p.sale_id = s.id) AS lines
                        FROM sale s
                        WHERE s.tenant_id = :tenant AND s.customer_id = :customer
                        ORDER BY s.sold_at DESC, s.id DESC
                        LIMIT :limit""";

    static BatchedSelects.Select profileRefunds(String section, int limit) {
        return new BatchedSelects.Select(section, RECENT_REFUNDS, java.util.Map.of("limit", limit), (rs, customerId) -> {
            List<Refund> out = new ArrayList<>();
            while (rs.next()) out.add(refund(rs));
            return out;
        });
    }

    private static Refund refund(ResultSet rs) throws SQLException {
        return new Refund(rs.getString("id"), rs.getString("sale_id"), rs.getString("product_sale_id"),
                rs.getString("subscription_renewal_id"), rs.getString("customer_id"), rs.getBigDecimal("amount"),
                rs.getString("reason"), instant(rs, "created_at"));
    }

    private static final String RECENT_REFUNDS = """
                        SELECT id, sale_id, product_sale_id, subscription_renewal_id, customer_id, amount, reason, created_at
                        FROM refund
                        WHERE tenant_id = :tenant AND customer_id = :customer
                        ORDER BY created_at DESC, id DESC
                        LIMIT :limit""";

    /** The lines' JSON array (json_agg of RECENT_SALES), read as a stream: a tree per sale cost more than the SQL. */
    private static List<RecentSale.Line> lines(String json) {
        List<RecentSale.Line> lines = new ArrayList<>();
        if (json == null) return lines;
        try (JsonParser p = Json.MAPPER.getFactory().createParser(json)) {
            if (p.nextToken() != JsonToken.START_ARRAY) throw new IllegalStateException("sale lines are not an array: " + json);
            while (p.nextToken() == JsonToken.START_OBJECT) {
                String productId = null;
                String name = null;
                int quantity = 0;
                BigDecimal total = null;
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String field = p.currentName();
                    p.nextToken();
                    switch (field) {
                        case "product_id" -> productId = p.getText();
                        case "name" -> name = p.getText();
                        case "quantity" -> quantity = p.getIntValue();
                        case "total" -> total = p.getDecimalValue().setScale(2);
                        default -> p.skipChildren();
                    }
                }
                lines.add(new RecentSale.Line(productId, name, quantity, total));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return lines;
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime at = rs.getObject(column, OffsetDateTime.class);
        return at == null ? null : at.toInstant();
    }
}
