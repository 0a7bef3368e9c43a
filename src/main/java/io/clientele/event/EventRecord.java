package io.clientele.event;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** An outbox row as read back. */
public record EventRecord(String eventId, String notation, String itemType, String itemId, String customerId,
                          Long customerSeq, JsonNode payload, String actorKind, String actorId, String apiCallId,
                          Instant createdAt) {}
