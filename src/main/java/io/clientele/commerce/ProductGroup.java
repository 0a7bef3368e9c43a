package io.clientele.commerce;

import java.time.Instant;

/** A group of products (a category, a line), e.g. "Pavers". */
public record ProductGroup(String productGroupId, String name, String internalId, String description, Instant createdAt,
                           Instant updatedAt) {}
