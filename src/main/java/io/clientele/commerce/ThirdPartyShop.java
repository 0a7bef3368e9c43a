package io.clientele.commerce;

import java.time.Instant;

/** A marketplace or other shop the tenant sells through (Amazon, eBay, a reseller). */
public record ThirdPartyShop(String thirdPartyShopId, String name, String internalId, String url, String description,
                             Instant createdAt, Instant updatedAt) {}
