package io.clientele.group.internal;

import io.clientele.group.CustomerGroupQualifier;
import io.clientele.group.Figure;
import io.clientele.group.ManualOnly;
import io.clientele.group.Qualifier;
import io.clientele.group.Range;
import io.clientele.group.SpecificValues;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Set;

/**
 * The in-memory interpreter of a {@link Qualifier}: whether one customer, known by its {@link Facts}, qualifies.
 * It decides membership after each write; {@link QualifierSql} is the same rules for the whole tenant at once,
 * and {@code QualifierAgreementIT} holds the two to the same answers.
 */
final class QualifierCheck {
    private QualifierCheck() {}

    /**
     * @param groups the groups the customer is in now (for {@code customer_group} qualifiers: the stored
     *               membership, with the changes already decided for groups earlier in dependency order)
     */
    static boolean qualifies(Qualifier qualifier, Facts facts, Set<String> groups, Instant now) {
        return switch (qualifier) {
            case ManualOnly m -> false;
            case CustomerGroupQualifier cg -> (cg.inAny().isEmpty() || cg.inAny().stream().anyMatch(groups::contains))
                    && groups.containsAll(cg.inAll())
                    && cg.notIn().stream().noneMatch(groups::contains);
            case SpecificValues sv -> filters(sv.filters(), facts) && values(sv.values(), facts, now)
                    && subscriptions(sv.subscriptionOptions(), facts, now);
        };
    }

    private static boolean filters(SpecificValues.Filters f, Facts facts) {
        boolean campaign = f.campaigns().isEmpty()
                || (facts.campaignId() != null && f.campaigns().contains(facts.campaignId()))
                || anyOf(facts.links().get("campaign"), f.campaigns());
        return campaign
                && (f.productGroups().isEmpty() || anyOf(facts.links().get("product_group"), f.productGroups()))
                && (f.thirdPartyShops().isEmpty() || anyOf(facts.links().get("third_party_shop"), f.thirdPartyShops()))
                && f.metadata().stream().allMatch(m -> {
                    Set<String> values = facts.metadata().get(m.name());
                    return values != null && (m.anyValue() || values.stream().anyMatch(m.values()::contains));
                });
    }

    private static boolean values(SpecificValues.Values v, Facts facts, Instant now) {
        if (v.hasNoSales() && facts.value(Figure.NUM_SALE, now).signum() != 0) return false;
        return ranges(v.active(), facts, now);
    }

    private static boolean subscriptions(SpecificValues.SubscriptionOptions s, Facts facts, Instant now) {
        if (!s.enabled()) return true;
        if (!s.statuses().isEmpty() && s.statuses().stream().noneMatch(facts.statuses()::contains)) return false;
        return ranges(s.ranges(), facts, now);
    }

    private static boolean ranges(Map<Figure, Range> ranges, Facts facts, Instant now) {
        for (Map.Entry<Figure, Range> e : ranges.entrySet()) {
            if (!e.getValue().enabled()) continue;
            BigDecimal value = facts.value(e.getKey(), now);
            if (value == null || !e.getValue().holds(value)) return false;
        }
        return true;
    }

    private static boolean anyOf(Set<String> have, Collection<String> wanted) {
        return have != null && wanted.stream().anyMatch(have::contains);
    }

}
