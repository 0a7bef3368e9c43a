package io.clientele.audit;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** One audit row as {@code GetAuditLog} shows it. */
public record AuditEntry(long auditId, String itemType, String itemId, String action, JsonNode before, JsonNode after,
                         String actorKind, String actorId, String apiCallId, String ip, String userAgent,
                         Instant createdAt, Long chainPosition, String hash) {}
