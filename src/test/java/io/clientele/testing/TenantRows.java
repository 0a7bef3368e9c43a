package io.clientele.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.clientele.platform.Json;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;

/**
 * A tenant's rows as the application role sees them: every read runs in a transaction that set
 * {@code app.tenant_id}, exactly as the service does, so row-level security applies to the test too.
 */
public final class TenantRows {
    /** An outbox row. */
    public record EventRow(String id, long position, String notation, String itemType, String itemId, String customerId,
                           Long customerSeq, JsonNode payload, String actorKind, String actorId, String apiCallId,
                           Instant createdAt) {}

    /** An {@code api_call} row. */
    public record ApiCallRow(String id, String operation, String type, String method, int code, int httpStatus,
                             String errorType, String actorKind, String actorId, BigDecimal durationMs, Instant createdAt) {}

    /** An {@code audit_log} row. */
    public record AuditRow(long id, String itemType, String itemId, String action, JsonNode before, JsonNode after,
                           String actorKind, String actorId, String apiCallId, String ip, String userAgent,
                           Instant createdAt, Long chainPosition) {}

    private final String tenantId;

    private TenantRows(String tenantId) {
        this.tenantId = tenantId;
    }

    public static TenantRows of(Api.Tenant tenant) {
        return new TenantRows(tenant.tenantId());
    }

    public static TenantRows ofTenant(String tenantId) {
        return new TenantRows(tenantId);
    }

    /** Runs {@code work} as the app role with this tenant set, in one transaction. */
    public <T> T inTenant(Function<Handle, T> work) {
        return TestDatabase.get().jdbi().inTransaction(handle -> {
            handle.createQuery("SELECT set_config('app.tenant_id', :tenant, true)").bind("tenant", tenantId)
                    .mapTo(String.class).one();
            return work.apply(handle);
        });
    }

    public long count(String table) {
        return inTenant(h -> h.createQuery("SELECT count(*) FROM " + table).mapTo(Long.class).one());
    }

    /** Every event of the tenant, in outbox order. */
    public List<EventRow> events() {
        return inTenant(h -> h.createQuery("SELECT * FROM event ORDER BY position").map((rs, ctx) -> event(rs)).list());
    }

    /** A customer's events in sequence order. */
    public List<EventRow> eventsOf(String customerId) {
        return inTenant(h -> h.createQuery("SELECT * FROM event WHERE customer_id = :c ORDER BY customer_seq")
                .bind("c", customerId).map((rs, ctx) -> event(rs)).list());
    }

    public List<EventRow> eventsOfCall(String apiCallId) {
        return inTenant(h -> h.createQuery("SELECT * FROM event WHERE api_call_id = :id ORDER BY position")
                .bind("id", apiCallId).map((rs, ctx) -> event(rs)).list());
    }

    public List<ApiCallRow> apiCalls() {
        return inTenant(h -> h.createQuery("SELECT * FROM api_call ORDER BY created_at, id").map((rs, ctx) -> apiCall(rs)).list());
    }

    public Optional<ApiCallRow> apiCall(String id) {
        return inTenant(h -> h.createQuery("SELECT * FROM api_call WHERE id = :id").bind("id", id)
                .map((rs, ctx) -> apiCall(rs)).findOne());
    }

    public List<AuditRow> auditRows() {
        return inTenant(h -> h.createQuery("SELECT * FROM audit_log ORDER BY id").map((rs, ctx) -> audit(rs)).list());
    }

    public List<AuditRow> auditRowsOfCall(String apiCallId) {
        return inTenant(h -> h.createQuery("SELECT * FROM audit_log WHERE api_call_id = :id ORDER BY id")
                .bind("id", apiCallId).map((rs, ctx) -> audit(rs)).list());
    }

    /** The ids of the tenant's API keys, oldest first (the first is the one the tenant was created with). */
    public List<String> apiKeyIds() {
        return inTenant(h -> h.createQuery("SELECT id FROM api_key ORDER BY created_at, id").mapTo(String.class).list());
    }

    private static EventRow event(ResultSet rs) throws SQLException {
        return new EventRow(rs.getString("id"), rs.getLong("position"), rs.getString("notation"), rs.getString("item_type"),
                rs.getString("item_id"), rs.getString("customer_id"), (Long) rs.getObject("customer_seq"),
                Json.read(rs.getString("payload")), rs.getString("actor_kind"), rs.getString("actor_id"),
                rs.getString("api_call_id"), rs.getObject("created_at", OffsetDateTime.class).toInstant());
    }

    private static ApiCallRow apiCall(ResultSet rs) throws SQLException {
        return new ApiCallRow(rs.getString("id"), rs.getString("operation"), rs.getString("type"), rs.getString("method"),
                rs.getInt("code"), rs.getInt("http_status"), rs.getString("error_type"), rs.getString("actor_kind"),
                rs.getString("actor_id"), rs.getBigDecimal("duration_ms"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant());
    }

    private static AuditRow audit(ResultSet rs) throws SQLException {
        String before = rs.getString("before");
        String after = rs.getString("after");
        return new AuditRow(rs.getLong("id"), rs.getString("item_type"), rs.getString("item_id"), rs.getString("action"),
                before == null ? null : Json.read(before), after == null ? null : Json.read(after),
                rs.getString("actor_kind"), rs.getString("actor_id"), rs.getString("api_call_id"), rs.getString("ip"),
                rs.getString("user_agent"), rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                (Long) rs.getObject("chain_position"));
    }
}
