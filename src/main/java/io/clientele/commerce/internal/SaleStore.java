package io.clientele.commerce.internal;

import io.clientele.commerce.ProductSale;
import io.clientele.commerce.Refund;
import io.clientele.commerce.Sale;
import io.clientele.commerce.SaleStatus;
import io.clientele.commerce.SaleTransaction;
import io.clientele.operation.PageCursor;
import io.clientele.platform.Tx;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;

/**
 * SQL for sales, product sales, transactions and refunds. Every statement names the tenant; row-level
 * security is the second lock. Rows are only inserted, except a sale's status and refunded amount and a
 * product sale's refunded amount.
 */
public final class SaleStore {
    private static final String SALE_COLUMNS = """
            s.id, s.customer_id, s.external_id, s.status, s.campaign_id, s.third_party_shop_id, s.sold_at, s.subtotal,
            s.discount, s.tax, s.shipping, s.total, s.refunded, s.created_at, s.updated_at,
            EXISTS (SELECT 1 FROM product_sale p WHERE p.tenant_id = s.tenant_id AND p.sale_id = s.id AND p.upsell) AS upsell""";
    private static final String PRODUCT_SALE_COLUMNS = """
            id, sale_id, customer_id, product_id, quantity, price, discount, tax, shipping, upsell, total, refunded, created_at""";
    private static final String TRANSACTION_COLUMNS = """
            id, sale_id, customer_id, refund_id, kind, amount, success, gateway_response_code, gateway_response_message, created_at""";
    private static final String REFUND_COLUMNS =
            "id, sale_id, product_sale_id, subscription_renewal_id, customer_id, amount, reason, created_at";

    /** A sale found by its external id, with the fingerprint of the request that recorded it. */
    public record ByExternalId(Sale sale, byte[] requestSha256) {}

    /** New sales, each with the fingerprint of the request that recorded it (or null); one batch. */
    public void insertAll(Tx tx, List<Sale> sales, List<byte[]> requestSha256s) {
        PreparedBatch batch = tx.handle().prepareBatch("""
                INSERT INTO sale (tenant_id, id, customer_id, external_id, request_sha256, status, campaign_id,
                    third_party_shop_id, sold_at, subtotal, discount, tax, shipping, total, refunded, created_at, updated_at)
                VALUES (:tenant, :id, :customer, :externalId, :hash, :status, :campaign, :shop, :soldAt, :subtotal,
                    :discount, :tax, :shipping, :total, :refunded, :createdAt, :updatedAt)""");
        for (int i = 0; i < sales.size(); i++) {
            Sale s = sales.get(i);
            batch.bind("tenant", tx.tenant().value())
                    .bind("id", s.saleId())
                    .bind("customer", s.customerId())
                    .bind("externalId", s.externalId())
                    .bind("hash", requestSha256s.get(i))
                    .bind("status", s.status().wire())
                    .bind("campaign", s.campaignId())
                    .bind("shop", s.thirdPartyShopId())
                    .bind("soldAt", s.soldAt())
                    .bind("subtotal", s.subtotal())
                    .bind("discount", s.discount())
                    .bind("tax", s.tax())
                    .bind("shipping", s.shipping())
                    .bind("total", s.total())
                    .bind("refunded", s.refunded())
                    .bind("createdAt", s.createdAt())
                    .bind("updatedAt", s.updatedAt())
                    .add();
        }
        execute(batch);
    }

    /** New product sales, each sale's lines together and in the order given (their position); one batch. */
    public void insertLines(Tx tx, List<ProductSale> lines) {
        PreparedBatch batch = tx.handle().prepareBatch("""
                INSERT INTO product_sale (tenant_id, id, sale_id, customer_id, position, product_id, quantity, price, discount,
                    tax, shipping, upsell, total, refunded, created_at)
                VALUES (:tenant, :id, :sale, :customer, :position, :product, :quantity, :price, :discount, :tax, :shipping,
                    :upsell, :total, :refunded, :createdAt)""");
        int position = 0;
        for (int i = 0; i < lines.size(); i++) {
            ProductSale l = lines.get(i);
            position = i > 0 && lines.get(i - 1).saleId().equals(l.saleId()) ? position + 1 : 0;
            batch.bind("tenant", tx.tenant().value())
                    .bind("id", l.productSaleId())
                    .bind("sale", l.saleId())
                    .bind("customer", l.customerId())
                    .bind("position", position)
                    .bind("product", l.productId())
                    .bind("quantity", l.quantity())
                    .bind("price", l.price())
                    .bind("discount", l.discount())
                    .bind("tax", l.tax())
                    .bind("shipping", l.shipping())
                    .bind("upsell", l.upsell())
                    .bind("total", l.total())
                    .bind("refunded", l.refunded())
                    .bind("createdAt", l.createdAt())
                    .add();
        }
        execute(batch);
    }

    public void insertTransactions(Tx tx, List<SaleTransaction> transactions) {
        PreparedBatch batch = tx.handle().prepareBatch("""
                INSERT INTO sale_transaction (tenant_id, id, sale_id, customer_id, refund_id, kind, amount, success,
                    gateway_response_code, gateway_response_message, created_at)
                VALUES (:tenant, :id, :sale, :customer, :refund, :kind, :amount, :success, :code, :message, :createdAt)""");
        for (SaleTransaction t : transactions) {
            batch.bind("tenant", tx.tenant().value())
                    .bind("id", t.saleTransactionId())
                    .bind("sale", t.saleId())
                    .bind("customer", t.customerId())
                    .bind("refund", t.refundId())
                    .bind("kind", t.kind().wire())
                    .bind("amount", t.amount())
                    .bind("success", t.success())
                    .bind("code", t.gatewayResponseCode())
                    .bind("message", t.gatewayResponseMessage())
                    .bind("createdAt", t.createdAt())
                    .add();
        }
        execute(batch);
    }

    public void insertRefunds(Tx tx, List<Refund> refunds) {
        PreparedBatch batch = tx.handle().prepareBatch("""
                INSERT INTO refund (tenant_id, id, sale_id, product_sale_id, subscription_renewal_id, customer_id, amount,
                    reason, created_at)
                VALUES (:tenant, :id, :sale, :line, :renewal, :customer, :amount, :reason, :createdAt)""");
        for (Refund r : refunds) {
            batch.bind("tenant", tx.tenant().value())
                    .bind("id", r.refundId())
                    .bind("sale", r.saleId())
                    .bind("line", r.productSaleId())
                    .bind("renewal", r.subscriptionRenewalId())
                    .bind("customer", r.customerId())
                    .bind("amount", r.amount())
                    .bind("reason", r.reason())
                    .bind("createdAt", r.createdAt())
                    .add();
        }
        execute(batch);
    }

    private static void execute(PreparedBatch batch) {
        if (batch.size() > 0) batch.execute();
    }

    /** A sale; {@code forUpdate} locks it until commit, so changes to one sale happen one at a time. */
    public Optional<Sale> find(Tx tx, String saleId, boolean forUpdate) {
        return tx.handle().createQuery("SELECT " + SALE_COLUMNS + " FROM sale s WHERE s.tenant_id = :tenant AND s.id = :id"
                        + (forUpdate ? " FOR UPDATE" : ""))
                .bind("tenant", tx.tenant().value())
                .bind("id", saleId)
                .map((rs, ctx) -> sale(rs))
                .findOne();
    }

    /**
     * The sales among {@code saleIds}, by id; {@code forUpdate} locks them until commit, in id order, so two
     * callers locking overlapping sets cannot deadlock. One statement.
     */
    public Map<String, Sale> findAll(Tx tx, Collection<String> saleIds, boolean forUpdate) {
        Map<String, Sale> found = new HashMap<>();
        if (saleIds.isEmpty()) return found;
        tx.handle().createQuery("SELECT " + SALE_COLUMNS + " FROM sale s WHERE s.tenant_id = :tenant AND s.id = ANY(:ids)"
                        + " ORDER BY s.id COLLATE \"C\"" + (forUpdate ? " FOR UPDATE" : ""))
                .bind("tenant", tx.tenant().value())
                .bindArray("ids", String.class, List.copyOf(saleIds))
                .map((rs, ctx) -> sale(rs))
                .forEach(sale -> found.put(sale.saleId(), sale));
        return found;
    }

    /** The sales recorded with any of {@code externalIds}, by external id; one statement. */
    public Map<String, ByExternalId> findByExternalIds(Tx tx, Collection<String> externalIds) {
        Map<String, ByExternalId> found = new HashMap<>();
        if (externalIds.isEmpty()) return found;
        tx.handle().createQuery("SELECT " + SALE_COLUMNS + ", s.request_sha256 FROM sale s"
                        + " WHERE s.tenant_id = :tenant AND s.external_id = ANY(:externalIds)")
                .bind("tenant", tx.tenant().value())
                .bindArray("externalIds", String.class, List.copyOf(externalIds))
                .map((rs, ctx) -> new ByExternalId(sale(rs), rs.getBytes("request_sha256")))
                .forEach(row -> found.put(row.sale().externalId(), row));
        return found;
    }

    /** Sets each sale's status, refunded amount and update time (the caller holds the sales' locks); one batch. */
    public void updateAll(Tx tx, Collection<Sale> sales) {
        PreparedBatch batch = tx.handle().prepareBatch("UPDATE sale SET status = :status, refunded = :refunded,"
                + " updated_at = :updatedAt WHERE tenant_id = :tenant AND id = :id");
        for (Sale s : sales) {
            batch.bind("tenant", tx.tenant().value())
                    .bind("id", s.saleId())
                    .bind("status", s.status().wire())
                    .bind("refunded", s.refunded())
                    .bind("updatedAt", s.updatedAt())
                    .add();
        }
        execute(batch);
    }

    public List<ProductSale> productSales(Tx tx, String saleId) {
        return tx.handle().createQuery("SELECT " + PRODUCT_SALE_COLUMNS + " FROM product_sale"
                        + " WHERE tenant_id = :tenant AND sale_id = :sale ORDER BY position")
                .bind("tenant", tx.tenant().value())
                .bind("sale", saleId)
                .map((rs, ctx) -> productSale(rs))
                .list();
    }

    /** The product sales among {@code productSaleIds}, by id; one statement. */
    public Map<String, ProductSale> productSalesById(Tx tx, Collection<String> productSaleIds) {
        Map<String, ProductSale> found = new HashMap<>();
        if (productSaleIds.isEmpty()) return found;
        tx.handle().createQuery("SELECT " + PRODUCT_SALE_COLUMNS + " FROM product_sale WHERE tenant_id = :tenant AND id = ANY(:ids)")
                .bind("tenant", tx.tenant().value())
                .bindArray("ids", String.class, List.copyOf(productSaleIds))
                .map((rs, ctx) -> productSale(rs))
                .forEach(line -> found.put(line.productSaleId(), line));
        return found;
    }

    /** The product sales of each of {@code saleIds}, by sale, each sale's in position order; one statement. */
    public Map<String, List<ProductSale>> productSalesOfSales(Tx tx, Collection<String> saleIds) {
        Map<String, List<ProductSale>> found = new HashMap<>();
        if (saleIds.isEmpty()) return found;
        tx.handle().createQuery("SELECT " + PRODUCT_SALE_COLUMNS + " FROM product_sale"
                        + " WHERE tenant_id = :tenant AND sale_id = ANY(:sales) ORDER BY sale_id, position")
                .bind("tenant", tx.tenant().value())
                .bindArray("sales", String.class, List.copyOf(saleIds))
                .map((rs, ctx) -> productSale(rs))
                .forEach(line -> found.computeIfAbsent(line.saleId(), k -> new java.util.ArrayList<>()).add(line));
        return found;
    }

    /** Sets each product sale's refunded amount (the caller holds its sale's lock); one batch. */
    public void updateRefundedAll(Tx tx, Collection<ProductSale> lines) {
        PreparedBatch batch = tx.handle().prepareBatch(
                "UPDATE product_sale SET refunded = :refunded WHERE tenant_id = :tenant AND id = :id");
        for (ProductSale line : lines) {
            batch.bind("tenant", tx.tenant().value())
                    .bind("id", line.productSaleId())
                    .bind("refunded", line.refunded())
                    .add();
        }
        execute(batch);
    }

    public List<SaleTransaction> transactions(Tx tx, String saleId) {
        return tx.handle().createQuery("SELECT " + TRANSACTION_COLUMNS + " FROM sale_transaction"
                        + " WHERE tenant_id = :tenant AND sale_id = :sale ORDER BY created_at, id")
                .bind("tenant", tx.tenant().value())
                .bind("sale", saleId)
                .map((rs, ctx) -> transaction(rs))
                .list();
    }

    public List<Refund> refunds(Tx tx, String saleId) {
        return tx.handle().createQuery("SELECT " + REFUND_COLUMNS + " FROM refund"
                        + " WHERE tenant_id = :tenant AND sale_id = :sale ORDER BY created_at, id")
                .bind("tenant", tx.tenant().value())
                .bind("sale", saleId)
                .map((rs, ctx) -> refund(rs))
                .list();
    }

    /** One page of a customer's sales, newest sold first, plus one extra row to tell whether another follows. */
    public List<Sale> listForCustomer(Tx tx, String customerId, SaleStatus status, PageCursor after, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + SALE_COLUMNS + " FROM sale s"
                + " WHERE s.tenant_id = :tenant AND s.customer_id = :customer");
        if (status != null) sql.append(" AND s.status = :status");
        if (after != null) sql.append(" AND (s.sold_at, s.id) < (:afterAt, :afterId)");
        sql.append(" ORDER BY s.sold_at DESC, s.id DESC LIMIT :limit");
        Query q = tx.handle().createQuery(sql.toString())
                .bind("tenant", tx.tenant().value())
                .bind("customer", customerId)
                .bind("status", status == null ? null : status.wire())
                .bind("limit", limit + 1);
        if (after != null) q.bind("afterAt", after.at()).bind("afterId", after.id());
        return q.map((rs, ctx) -> sale(rs)).list();
    }

    public Optional<String> customerOfSale(Tx tx, String saleId) {
        return customerOf(tx, "sale", saleId);
    }

    public Optional<String> customerOfProductSale(Tx tx, String productSaleId) {
        return customerOf(tx, "product_sale", productSaleId);
    }

    private static Optional<String> customerOf(Tx tx, String table, String id) {
        return tx.handle().createQuery("SELECT customer_id FROM " + table + " WHERE tenant_id = :tenant AND id = :id")
                .bind("tenant", tx.tenant().value())
                .bind("id", id)
                .mapTo(String.class)
                .findOne();
    }

    private static Sale sale(ResultSet rs) throws SQLException {
        return new Sale(rs.getString("id"), rs.getString("customer_id"), rs.getString("external_id"),
                SaleStatus.fromWire(rs.getString("status")), rs.getString("campaign_id"),
                rs.getString("third_party_shop_id"), instant(rs, "sold_at"), rs.getBigDecimal("subtotal"),
                rs.getBigDecimal("discount"), rs.getBigDecimal("tax"), rs.getBigDecimal("shipping"),
                rs.getBigDecimal("total"), rs.getBigDecimal("refunded"), rs.getBoolean("upsell"),
                instant(rs, "created_at"), instant(rs, "updated_at"));
    }

    private static ProductSale productSale(ResultSet rs) throws SQLException {
        return new ProductSale(rs.getString("id"), rs.getString("sale_id"), rs.getString("customer_id"),
                rs.getString("product_id"), rs.getInt("quantity"), rs.getBigDecimal("price"), rs.getBigDecimal("discount"),
                rs.getBigDecimal("tax"), rs.getBigDecimal("shipping"), rs.getBoolean("upsell"), rs.getBigDecimal("total"),
                rs.getBigDecimal("refunded"), instant(rs, "created_at"));
    }

    private static SaleTransaction transaction(ResultSet rs) throws SQLException {
        return new SaleTransaction(rs.getString("id"), rs.getString("sale_id"), rs.getString("customer_id"),
                rs.getString("refund_id"), SaleTransaction.Kind.fromWire(rs.getString("kind")), rs.getBigDecimal("amount"),
                rs.getBoolean("success"), rs.getString("gateway_response_code"), rs.getString("gateway_response_message"),
                instant(rs, "created_at"));
    }

    private static Refund refund(ResultSet rs) throws SQLException {
        return new Refund(rs.getString("id"), rs.getString("sale_id"), rs.getString("product_sale_id"),
                rs.getString("subscription_renewal_id"),
                rs.getString("customer_id"), rs.getBigDecimal("amount"), rs.getString("reason"), instant(rs, "created_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime at = rs.getObject(column, OffsetDateTime.class);
        return at == null ? null : at.toInstant();
    }
}
