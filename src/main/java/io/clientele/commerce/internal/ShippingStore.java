package io.clientele.commerce.internal;

import io.clientele.platform.BatchedSelects;
import io.clientele.commerce.Shipping;
import io.clientele.commerce.ShippingStatus;
import io.clientele.platform.Tx;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.statement.Update;

/** SQL for shipments. Every statement names the tenant; row-level security is the second lock. */
public final class ShippingStore {
    private static final String COLUMNS = """
            id, sale_id, customer_id, status, carrier, tracking_number, tracking_url, shipped_at, delivered_at, returned_at,
            created_at, updated_at""";

    public void insert(Tx tx, Shipping s) {
        bind(tx, tx.handle().createUpdate("""
                INSERT INTO shipping (tenant_id, id, sale_id, customer_id, status, carrier, tracking_number, tracking_url,
                    shipped_at, delivered_at, returned_at, created_at, updated_at)
                VALUES (:tenant, :id, :sale, :customer, :status, :carrier, :trackingNumber, :trackingUrl, :shippedAt,
                    :deliveredAt, :returnedAt, :createdAt, :updatedAt)"""), s).execute();
    }

    /** Writes a shipment's changeable fields (the caller holds its lock). */
    public void update(Tx tx, Shipping s) {
        bind(tx, tx.handle().createUpdate("""
                UPDATE shipping SET status = :status, carrier = :carrier, tracking_number = :trackingNumber,
                    tracking_url = :trackingUrl, shipped_at = :shippedAt, delivered_at = :deliveredAt,
                    returned_at = :returnedAt, updated_at = :updatedAt
                WHERE tenant_id = :tenant AND id = :id AND sale_id = :sale AND customer_id = :customer
                  AND created_at = :createdAt"""), s).execute();
    }

    /** A shipment; {@code forUpdate} locks it until commit. */
    public Optional<Shipping> find(Tx tx, String shippingId, boolean forUpdate) {
        return tx.handle().createQuery("SELECT " + COLUMNS + " FROM shipping WHERE tenant_id = :tenant AND id = :id"
                        + (forUpdate ? " FOR UPDATE" : ""))
                .bind("tenant", tx.tenant().value())
                .bind("id", shippingId)
                .map((rs, ctx) -> shipping(rs))
                .findOne();
    }

    /** A sale's shipments, oldest first. */
    public List<Shipping> ofSale(Tx tx, String saleId) {
        return tx.handle().createQuery("SELECT " + COLUMNS + " FROM shipping WHERE tenant_id = :tenant AND sale_id = :sale"
                        + " ORDER BY created_at, id")
                .bind("tenant", tx.tenant().value())
                .bind("sale", saleId)
                .map((rs, ctx) -> shipping(rs))
                .list();
    }

    /** The customer's {@code limit} newest shipments, newest recorded first (on shipping_by_customer). */
    private static final String RECENT_OF_CUSTOMER = "SELECT " + COLUMNS
            + " FROM shipping WHERE tenant_id = :tenant AND customer_id = :customer ORDER BY created_at DESC, id DESC LIMIT :limit";

    static BatchedSelects.Select profile(String section, int limit) {
        return new BatchedSelects.Select(section, RECENT_OF_CUSTOMER, java.util.Map.of("limit", limit), (rs, customerId) -> {
            List<Shipping> out = new java.util.ArrayList<>();
            while (rs.next()) out.add(shipping(rs));
            return out;
        });
    }

    public Optional<String> customerOf(Tx tx, String shippingId) {
        return tx.handle().createQuery("SELECT customer_id FROM shipping WHERE tenant_id = :tenant AND id = :id")
                .bind("tenant", tx.tenant().value())
                .bind("id", shippingId)
                .mapTo(String.class)
                .findOne();
    }

    private static Update bind(Tx tx, Update u, Shipping s) {
        return u.bind("tenant", tx.tenant().value())
                .bind("id", s.shippingId())
                .bind("sale", s.saleId())
                .bind("customer", s.customerId())
                .bind("status", s.status().wire())
                .bind("carrier", s.carrier())
                .bind("trackingNumber", s.trackingNumber())
                .bind("trackingUrl", s.trackingUrl())
                .bind("shippedAt", s.shippedAt())
                .bind("deliveredAt", s.deliveredAt())
                .bind("returnedAt", s.returnedAt())
                .bind("createdAt", s.createdAt())
                .bind("updatedAt", s.updatedAt());
    }

    private static Shipping shipping(ResultSet rs) throws SQLException {
        return new Shipping(rs.getString("id"), rs.getString("sale_id"), rs.getString("customer_id"),
                ShippingStatus.fromWire(rs.getString("status")), rs.getString("carrier"), rs.getString("tracking_number"),
                rs.getString("tracking_url"), instant(rs, "shipped_at"), instant(rs, "delivered_at"), instant(rs, "returned_at"),
                instant(rs, "created_at"), instant(rs, "updated_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime at = rs.getObject(column, OffsetDateTime.class);
        return at == null ? null : at.toInstant();
    }
}
