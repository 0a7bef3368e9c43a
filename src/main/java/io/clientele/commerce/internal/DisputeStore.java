package io.clientele.commerce.internal;

import io.clientele.platform.BatchedSelects;
import io.clientele.commerce.Chargeback;
import io.clientele.commerce.FraudDetection;
import io.clientele.commerce.PaypalDispute;
import io.clientele.platform.Tx;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * SQL for chargebacks, PayPal disputes and fraud detections. Every statement names the tenant; row-level
 * security is the second lock. Rows are only inserted.
 */
public final class DisputeStore {
    private static final String CHARGEBACK_COLUMNS = "id, sale_id, customer_id, amount, reason, created_at";
    private static final String DISPUTE_COLUMNS = CHARGEBACK_COLUMNS;
    private static final String FRAUD_COLUMNS = "id, sale_id, customer_id, source, score, reason, created_at";

    public void insert(Tx tx, Chargeback c) {
        tx.handle().createUpdate("""
                        INSERT INTO chargeback (tenant_id, id, sale_id, customer_id, amount, reason, created_at)
                        VALUES (:tenant, :id, :sale, :customer, :amount, :reason, :createdAt)""")
                .bind("tenant", tx.tenant().value())
                .bind("id", c.chargebackId())
                .bind("sale", c.saleId())
                .bind("customer", c.customerId())
                .bind("amount", c.amount())
                .bind("reason", c.reason())
                .bind("createdAt", c.createdAt())
                .execute();
    }

    public void insert(Tx tx, PaypalDispute d) {
        tx.handle().createUpdate("""
                        INSERT INTO paypal_dispute (tenant_id, id, sale_id, customer_id, amount, reason, created_at)
                        VALUES (:tenant, :id, :sale, :customer, :amount, :reason, :createdAt)""")
                .bind("tenant", tx.tenant().value())
                .bind("id", d.paypalDisputeId())
                .bind("sale", d.saleId())
                .bind("customer", d.customerId())
                .bind("amount", d.amount())
                .bind("reason", d.reason())
                .bind("createdAt", d.createdAt())
                .execute();
    }

    public void insert(Tx tx, FraudDetection f) {
        tx.handle().createUpdate("""
                        INSERT INTO fraud_detection (tenant_id, id, sale_id, customer_id, source, score, reason, created_at)
                        VALUES (:tenant, :id, :sale, :customer, :source, :score, :reason, :createdAt)""")
                .bind("tenant", tx.tenant().value())
                .bind("id", f.fraudDetectionId())
                .bind("sale", f.saleId())
                .bind("customer", f.customerId())
                .bind("source", f.source())
                .bind("score", f.score())
                .bind("reason", f.reason())
                .bind("createdAt", f.createdAt())
                .execute();
    }

    /** Σ chargebacks of a sale (0.00 without any). */
    public BigDecimal chargedBack(Tx tx, String saleId) {
        return tx.handle().createQuery("SELECT coalesce(sum(amount), 0) FROM chargeback WHERE tenant_id = :tenant AND sale_id = :sale")
                .bind("tenant", tx.tenant().value())
                .bind("sale", saleId)
                .mapTo(BigDecimal.class)
                .one()
                .setScale(2);
    }

    public List<Chargeback> chargebacks(Tx tx, String saleId) {
        return tx.handle().createQuery("SELECT " + CHARGEBACK_COLUMNS + " FROM chargeback"
                        + " WHERE tenant_id = :tenant AND sale_id = :sale ORDER BY created_at, id")
                .bind("tenant", tx.tenant().value())
                .bind("sale", saleId)
                .map((rs, ctx) -> new Chargeback(rs.getString("id"), rs.getString("sale_id"), rs.getString("customer_id"),
                        rs.getBigDecimal("amount"), rs.getString("reason"), instant(rs, "created_at")))
                .list();
    }

    public List<PaypalDispute> paypalDisputes(Tx tx, String saleId) {
        return tx.handle().createQuery("SELECT " + DISPUTE_COLUMNS + " FROM paypal_dispute"
                        + " WHERE tenant_id = :tenant AND sale_id = :sale ORDER BY created_at, id")
                .bind("tenant", tx.tenant().value())
                .bind("sale", saleId)
                .map((rs, ctx) -> new PaypalDispute(rs.getString("id"), rs.getString("sale_id"), rs.getString("customer_id"),
                        rs.getBigDecimal("amount"), rs.getString("reason"), instant(rs, "created_at")))
                .list();
    }

    public List<FraudDetection> fraudDetections(Tx tx, String saleId) {
        return tx.handle().createQuery("SELECT " + FRAUD_COLUMNS + " FROM fraud_detection"
                        + " WHERE tenant_id = :tenant AND sale_id = :sale ORDER BY created_at, id")
                .bind("tenant", tx.tenant().value())
                .bind("sale", saleId)
                .map((rs, ctx) -> fraudDetection(rs))
                .list();
    }

    private static String recentSql(String table, String columns) {
        return "SELECT " + columns + " FROM " + table
                + " WHERE tenant_id = :tenant AND customer_id = :customer ORDER BY created_at DESC, id DESC LIMIT :limit";
    }

    static BatchedSelects.Select profileChargebacks(String section, int limit) {
        return profile(section, recentSql("chargeback", CHARGEBACK_COLUMNS), limit, rs -> new Chargeback(rs.getString("id"),
                rs.getString("sale_id"), rs.getString("customer_id"), rs.getBigDecimal("amount"), rs.getString("reason"),
                instant(rs, "created_at")));
    }

    static BatchedSelects.Select profilePaypalDisputes(String section, int limit) {
        return profile(section, recentSql("paypal_dispute", DISPUTE_COLUMNS), limit, rs -> new PaypalDispute(rs.getString("id"),
                rs.getString("sale_id"), rs.getString("customer_id"), rs.getBigDecimal("amount"), rs.getString("reason"),
                instant(rs, "created_at")));
    }

    static BatchedSelects.Select profileFraudDetections(String section, int limit) {
        return profile(section, recentSql("fraud_detection", FRAUD_COLUMNS), limit, DisputeStore::fraudDetection);
    }

    private interface Row<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private static <T> BatchedSelects.Select profile(String section, String sql, int limit, Row<T> row) {
        return new BatchedSelects.Select(section, sql, java.util.Map.of("limit", limit), (rs, customerId) -> {
            List<T> out = new java.util.ArrayList<>();
            while (rs.next()) out.add(row.map(rs));
            return out;
        });
    }

    private static FraudDetection fraudDetection(ResultSet rs) throws SQLException {
        int score = rs.getInt("score");
        boolean noScore = rs.wasNull();
        return new FraudDetection(rs.getString("id"), rs.getString("sale_id"), rs.getString("customer_id"),
                rs.getString("source"), noScore ? null : score, rs.getString("reason"), instant(rs, "created_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime at = rs.getObject(column, OffsetDateTime.class);
        return at == null ? null : at.toInstant();
    }
}
