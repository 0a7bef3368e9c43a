package io.clientele.commerce;

import java.time.Instant;

/** A marketing campaign that customers and sales are attributed to. */
public record Campaign(String campaignId, String name, String internalId, String description, Instant createdAt,
                       Instant updatedAt) {}
