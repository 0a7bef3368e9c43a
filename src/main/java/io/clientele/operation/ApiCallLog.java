package io.clientele.operation;

import io.clientele.platform.TenantId;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/** Writes the {@code api_call} row of a call. */
final class ApiCallLog {
    record Entry(TenantId tenant, String id, String operation, String type, String method, int code, int httpStatus,
                 String errorType, String actorKind, String actorId, String aiAssistant, double durationMs,
                 Instant createdAt) {}

    private static final String INSERT = """
            INSERT INTO api_call (tenant_id, id, operation, type, method, code, http_status, error_type,
                                  actor_kind, actor_id, ai_assistant, duration_ms, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    /** Plain JDBC on the handle's connection: every call writes this row, and Jdbi's binding was a tenth of a read's CPU. */
    static void insert(Handle handle, Entry e) {
        try (PreparedStatement ps = handle.getConnection().prepareStatement(INSERT)) {
            ps.setString(1, e.tenant().value());
            ps.setString(2, e.id());
            ps.setString(3, e.operation());
            ps.setString(4, e.type());
            ps.setString(5, e.method());
            ps.setInt(6, e.code());
            ps.setInt(7, e.httpStatus());
            ps.setString(8, e.errorType());
            ps.setString(9, e.actorKind());
            ps.setString(10, e.actorId());
            ps.setString(11, e.aiAssistant());
            ps.setDouble(12, e.durationMs());
            ps.setObject(13, OffsetDateTime.ofInstant(e.createdAt(), ZoneOffset.UTC), Types.TIMESTAMP_WITH_TIMEZONE);
            ps.executeUpdate();
        } catch (SQLException ex) {
            throw new UnableToExecuteStatementException(ex, null);
        }
    }

    private ApiCallLog() {}
}
