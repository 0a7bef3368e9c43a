package io.clientele.commerce;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A product of the tenant's catalogue. {@code price} is in the tenant's currency with two decimals, or null
 * when the catalogue has none; {@code productGroupId} is a group of the same tenant, or null.
 */
public record Product(String productId, String name, String sku, String internalId, BigDecimal price,
                      String productGroupId, Instant createdAt, Instant updatedAt) {}
