package io.clientele.commerce.internal;

import io.clientele.platform.BatchedSelects;
import com.fasterxml.jackson.databind.JsonNode;
import io.clientele.commerce.IntervalUnit;
import io.clientele.commerce.Subscription;
import io.clientele.commerce.SubscriptionRenewal;
import io.clientele.commerce.SubscriptionRenewalStatus;
import io.clientele.commerce.SubscriptionStatus;
import io.clientele.operation.PageCursor;
import io.clientele.platform.Json;
import io.clientele.platform.Tx;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.statement.Query;

/**
 * SQL for subscriptions and their renewals. Every statement names the tenant; row-level security is the
 * second lock. Rows are only inserted, except a subscription's status and next renewal, and a renewal's
 * status and refunded amount.
 */
public final class SubscriptionStore {
    private static final String SUBSCRIPTION_COLUMNS = """
            id, customer_id, product_id, sale_id, status, price, interval_unit, interval_count, occurrence_limit,
            next_renewal_at, trial_ends_at, started_at, created_at, updated_at""";
    private static final String RENEWAL_COLUMNS = """
            id, subscription_id, customer_id, status, amount, refunded, renewed_at, created_at, updated_at""";

    public void insert(Tx tx, Subscription s) {
        tx.handle().createUpdate("""
                        INSERT INTO subscription (tenant_id, id, customer_id, product_id, sale_id, status, price, interval_unit,
                            interval_count, occurrence_limit, next_renewal_at, trial_ends_at, started_at, created_at, updated_at)
                        VALUES (:tenant, :id, :customer, :product, :sale, :status, :price, :unit, :count, :limit, :next,
                            :trialEnds, :startedAt, :createdAt, :updatedAt)""")
                .bind("tenant", tx.tenant().value())
                .bind("id", s.subscriptionId())
                .bind("customer", s.customerId())
                .bind("product", s.productId())
                .bind("sale", s.saleId())
                .bind("status", s.status().wire())
                .bind("price", s.price())
                .bind("unit", s.intervalUnit().wire())
                .bind("count", s.intervalCount())
                .bind("limit", s.occurrenceLimit())
                .bind("next", s.nextRenewalAt())
                .bind("trialEnds", s.trialEndsAt())
                .bind("startedAt", s.startedAt())
                .bind("createdAt", s.createdAt())
                .bind("updatedAt", s.updatedAt())
                .execute();
    }

    /** Sets a subscription's status, next renewal and update time (the caller holds its lock). */
    public void update(Tx tx, Subscription s) {
        tx.handle().createUpdate("UPDATE subscription SET status = :status, next_renewal_at = :next, updated_at = :updatedAt"
                        + " WHERE tenant_id = :tenant AND id = :id")
                .bind("tenant", tx.tenant().value())
                .bind("id", s.subscriptionId())
                .bind("status", s.status().wire())
                .bind("next", s.nextRenewalAt())
                .bind("updatedAt", s.updatedAt())
                .execute();
    }

    /** A subscription; {@code forUpdate} locks it until commit. */
    public Optional<Subscription> find(Tx tx, String subscriptionId, boolean forUpdate) {
        return tx.handle().createQuery("SELECT " + SUBSCRIPTION_COLUMNS + " FROM subscription WHERE tenant_id = :tenant AND id = :id"
                        + (forUpdate ? " FOR UPDATE" : ""))
                .bind("tenant", tx.tenant().value())
                .bind("id", subscriptionId)
                .map((rs, ctx) -> subscription(rs))
                .findOne();
    }

    /** One page of a customer's subscriptions, newest created first, plus one extra row to tell whether another follows. */
    public List<Subscription> listForCustomer(Tx tx, String customerId, SubscriptionStatus status, PageCursor after, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + SUBSCRIPTION_COLUMNS + " FROM subscription"
                + " WHERE tenant_id = :tenant AND customer_id = :customer");
        if (status != null) sql.append(" AND status = :status");
        if (after != null) sql.append(" AND (created_at, id) < (:afterAt, :afterId)");
        sql.append(" ORDER BY created_at DESC, id DESC LIMIT :limit");
        Query q = tx.handle().createQuery(sql.toString())
                .bind("tenant", tx.tenant().value())
                .bind("customer", customerId)
                .bind("status", status == null ? null : status.wire())
                .bind("limit", limit + 1);
        if (after != null) q.bind("afterAt", after.at()).bind("afterId", after.id());
        return q.map((rs, ctx) -> subscription(rs)).list();
    }

    static BatchedSelects.Select profile(String section, int limit, int renewals) {
        return new BatchedSelects.Select(section, RECENT_FOR_CUSTOMER, java.util.Map.of("limit", limit, "renewals", renewals),
                (rs, customerId) -> {
                    List<ProfileSubscription> out = new ArrayList<>();
                    while (rs.next()) out.add(profileSubscription(rs, customerId));
                    return out;
                });
    }

    private static ProfileSubscription profileSubscription(ResultSet rs, String customerId) throws SQLException {
        return ProfileSubscription.of(subscription(rs), renewals(rs.getString("id"), customerId, rs.getString("renewals")));
    }

    private static final String RECENT_FOR_CUSTOMER = "SELECT " + SUBSCRIPTION_COLUMNS + """
                        ,
                            (SELECT json_agg(json_build_object('id', r.id, 'status', r.status, 'amount', r.amount::text,
                                    'refunded', r.refunded::text,
                                    'renewed_at', (extract(epoch FROM r.renewed_at) * 1000000)::bigint,
                                    'created_at', (extract(epoch FROM r.created_at) * 1000000)::bigint,
                                    'updated_at', (extract(epoch FROM r.updated_at) * 1000000)::bigint)
                                    ORDER BY r.renewed_at DESC, r.id DESC)
                             FROM (SELECT id, status, amount, refunded, renewed_at, created_at, updated_at
                                   FROM subscription_renewal
                                   WHERE tenant_id = s.tenant_id AND subscription_id = s.id
                                   ORDER BY renewed_at DESC, id DESC
                                   LIMIT :renewals) r) AS renewals
                        FROM subscription s
                        WHERE s.tenant_id = :tenant AND s.customer_id = :customer
                        ORDER BY s.created_at DESC, s.id DESC
                        LIMIT :limit""";

    private static List<SubscriptionRenewal> renewals(String subscriptionId, String customerId, String json) {
        List<SubscriptionRenewal> out = new ArrayList<>();
        if (json == null) return out;
        for (JsonNode r : Json.read(json)) {
            out.add(new SubscriptionRenewal(r.path("id").asText(), subscriptionId, customerId,
                    SubscriptionRenewalStatus.fromWire(r.path("status").asText()), new BigDecimal(r.path("amount").asText()),
                    new BigDecimal(r.path("refunded").asText()), micros(r.path("renewed_at")), micros(r.path("created_at")),
                    micros(r.path("updated_at"))));
        }
        return out;
    }

    private static Instant micros(JsonNode epochMicros) {
        long us = epochMicros.asLong();
        return Instant.ofEpochSecond(Math.floorDiv(us, 1_000_000L), Math.floorMod(us, 1_000_000L) * 1_000L);
    }

    public void insert(Tx tx, SubscriptionRenewal r) {
        tx.handle().createUpdate("""
                        INSERT INTO subscription_renewal (tenant_id, id, subscription_id, customer_id, status, amount, refunded,
                            renewed_at, created_at, updated_at)
                        VALUES (:tenant, :id, :subscription, :customer, :status, :amount, :refunded, :renewedAt, :createdAt,
                            :updatedAt)""")
                .bind("tenant", tx.tenant().value())
                .bind("id", r.subscriptionRenewalId())
                .bind("subscription", r.subscriptionId())
                .bind("customer", r.customerId())
                .bind("status", r.status().wire())
                .bind("amount", r.amount())
                .bind("refunded", r.refunded())
                .bind("renewedAt", r.renewedAt())
                .bind("createdAt", r.createdAt())
                .bind("updatedAt", r.updatedAt())
                .execute();
    }

    /** Sets a renewal's status, refunded amount and update time (the caller holds its lock). */
    public void update(Tx tx, SubscriptionRenewal r) {
        tx.handle().createUpdate("UPDATE subscription_renewal SET status = :status, refunded = :refunded, updated_at = :updatedAt"
                        + " WHERE tenant_id = :tenant AND id = :id")
                .bind("tenant", tx.tenant().value())
                .bind("id", r.subscriptionRenewalId())
                .bind("status", r.status().wire())
                .bind("refunded", r.refunded())
                .bind("updatedAt", r.updatedAt())
                .execute();
    }

    /** A renewal; {@code forUpdate} locks it until commit. */
    public Optional<SubscriptionRenewal> findRenewal(Tx tx, String renewalId, boolean forUpdate) {
        return tx.handle().createQuery("SELECT " + RENEWAL_COLUMNS + " FROM subscription_renewal WHERE tenant_id = :tenant AND id = :id"
                        + (forUpdate ? " FOR UPDATE" : ""))
                .bind("tenant", tx.tenant().value())
                .bind("id", renewalId)
                .map((rs, ctx) -> renewal(rs))
                .findOne();
    }

    /** A subscription's renewals, oldest renewed first. */
    public List<SubscriptionRenewal> renewals(Tx tx, String subscriptionId) {
        return tx.handle().createQuery("SELECT " + RENEWAL_COLUMNS + " FROM subscription_renewal"
                        + " WHERE tenant_id = :tenant AND subscription_id = :subscription ORDER BY renewed_at, id")
                .bind("tenant", tx.tenant().value())
                .bind("subscription", subscriptionId)
                .map((rs, ctx) -> renewal(rs))
                .list();
    }

    public Optional<String> customerOfSubscription(Tx tx, String subscriptionId) {
        return customerOf(tx, "subscription", subscriptionId);
    }

    public Optional<String> customerOfRenewal(Tx tx, String renewalId) {
        return customerOf(tx, "subscription_renewal", renewalId);
    }

    private static Optional<String> customerOf(Tx tx, String table, String id) {
        return tx.handle().createQuery("SELECT customer_id FROM " + table + " WHERE tenant_id = :tenant AND id = :id")
                .bind("tenant", tx.tenant().value())
                .bind("id", id)
                .mapTo(String.class)
                .findOne();
    }

    private static Subscription subscription(ResultSet rs) throws SQLException {
        int limit = rs.getInt("occurrence_limit");
        Integer occurrenceLimit = rs.wasNull() ? null : limit;
        return new Subscription(rs.getString("id"), rs.getString("customer_id"), rs.getString("product_id"),
                rs.getString("sale_id"), SubscriptionStatus.fromWire(rs.getString("status")), rs.getBigDecimal("price"),
                IntervalUnit.fromWire(rs.getString("interval_unit")), rs.getInt("interval_count"), occurrenceLimit,
                instant(rs, "next_renewal_at"), instant(rs, "trial_ends_at"), instant(rs, "started_at"),
                instant(rs, "created_at"), instant(rs, "updated_at"));
    }

    private static SubscriptionRenewal renewal(ResultSet rs) throws SQLException {
        return new SubscriptionRenewal(rs.getString("id"), rs.getString("subscription_id"), rs.getString("customer_id"),
                SubscriptionRenewalStatus.fromWire(rs.getString("status")), rs.getBigDecimal("amount"),
                rs.getBigDecimal("refunded"), instant(rs, "renewed_at"), instant(rs, "created_at"), instant(rs, "updated_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime at = rs.getObject(column, OffsetDateTime.class);
        return at == null ? null : at.toInstant();
    }
}
