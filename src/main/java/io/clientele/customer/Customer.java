package io.clientele.customer;

import java.time.Instant;
import java.util.List;

/** A customer as every read returns it. {@code phoneE164} is the normalised phone when it parsed. */
public record Customer(
        String customerId,
        String firstName,
        String lastName,
        String email,
        String phone,
        String phoneE164,
        String company,
        String internalId,
        String campaignId,
        Address address,
        String status,
        String lifecycleStage,
        List<String> tags,
        String source,
        Instant createdAt,
        Instant updatedAt) {

    public static final List<String> STATUSES = List.of("enabled", "disabled", "blocked");
    public static final List<String> LIFECYCLE_STAGES = List.of("prospect", "lead", "customer", "churned");
}
