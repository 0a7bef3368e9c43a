package io.clientele.operation;

import io.clientele.platform.TenantId;
import java.time.Instant;
import org.jdbi.v3.core.Handle;

/** Writes the {@code api_call} row of a call. */
final class ApiCallLog {
    record Entry(TenantId tenant, String id, String operation, String type, String method, int code, int httpStatus,
                 String errorType, String actorKind, String actorId, String aiAssistant, double durationMs,
                 Instant createdAt) {}

    static void insert(Handle handle, Entry e) {
        handle.createUpdate("""
                        INSERT INTO api_call (tenant_id, id, operation, type, method, code, http_status, error_type,
                                              actor_kind, actor_id, ai_assistant, duration_ms, created_at)
                        VALUES (:tenant, :id, :operation, :type, :method, :code, :status, :errorType,
                                :actorKind, :actorId, :aiAssistant, :durationMs, :createdAt)""")
                .bind("tenant", e.tenant().value())
                .bind("id", e.id())
                .bind("operation", e.operation())
                .bind("type", e.type())
                .bind("method", e.method())
                .bind("code", e.code())
                .bind("status", e.httpStatus())
                .bind("errorType", e.errorType())
                .bind("actorKind", e.actorKind())
                .bind("actorId", e.actorId())
                .bind("aiAssistant", e.aiAssistant())
                .bind("durationMs", e.durationMs())
                .bind("createdAt", e.createdAt())
                .execute();
    }

    private ApiCallLog() {}
}
