package io.clientele.group.internal;

import io.clientele.group.Figure;
import io.clientele.group.SubscriptionStatus;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * What the in-memory interpreter knows of one live customer, read by {@link FactsReader} from the relations the
 * customer and commerce features publish ({@code CustomerFacts}, {@code CommerceFacts}).
 *
 * @param amounts  every figure that is not counted in days, by figure (zero without history)
 * @param links    the ids the customer's sales tie it to, by kind ({@code campaign}, {@code product_group},
 *                 {@code third_party_shop})
 * @param metadata the customer's metadata values by name
 * @param statuses the subscription statuses the customer has at least one subscription in
 * @param groups   the groups the customer is stored as a member of (manual and rule-based)
 */
record Facts(String customerId, Instant createdAt, String campaignId, Instant lastSaleAt, Instant lastRenewalAt,
             Map<Figure, BigDecimal> amounts, Map<String, Set<String>> links, Map<String, Set<String>> metadata,
             Set<SubscriptionStatus> statuses, Set<String> groups) {

    static final long MICROS_PER_DAY = 86_400_000_000L;

    /** The figure's value at {@code now}; null for a day count without its date (no sale, no renewal yet). */
    BigDecimal value(Figure figure, Instant now) {
        return switch (figure) {
            case DAYS_SINCE_CREATED -> days(createdAt, now);
            case DAYS_LAST_SALE -> days(lastSaleAt, now);
            case DAYS_LAST_RENEWAL -> days(lastRenewalAt, now);
            default -> amounts.getOrDefault(figure, BigDecimal.ZERO);
        };
    }

    /** Whole days from {@code since} to {@code now}, rounded down (as {@link QualifierSql} computes them). */
    static BigDecimal days(Instant since, Instant now) {
        if (since == null) return null;
        return BigDecimal.valueOf(Math.floorDiv(micros(now) - micros(since), MICROS_PER_DAY));
    }

    private static long micros(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1_000);
    }
}
