package io.clientele.group;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code qualifier_method: specific_values}: the filters AND the values AND the subscription options must hold.
 */
public record SpecificValues(Filters filters, Values values, SubscriptionOptions subscriptionOptions) implements Qualifier {
    @Override
    public QualifierMethod method() {
        return QualifierMethod.SPECIFIC_VALUES;
    }

    /**
     * Campaign, product group and shop ids are each OR within their list (an empty list is no filter);
     * metadata conditions are AND across names.
     */
    public record Filters(List<String> campaigns, List<String> productGroups, List<String> thirdPartyShops,
                          List<MetadataCondition> metadata) {
        public Filters {
            campaigns = List.copyOf(campaigns);
            productGroups = List.copyOf(productGroups);
            thirdPartyShops = List.copyOf(thirdPartyShops);
            metadata = List.copyOf(metadata);
        }

        public boolean isEmpty() {
            return campaigns.isEmpty() && productGroups.isEmpty() && thirdPartyShops.isEmpty() && metadata.isEmpty();
        }
    }

    /**
     * The metadata filters of one name, grouped: the customer has metadata {@code name} with one of
     * {@code values}, or, when {@code anyValue} ({@code METADATA_NAME_EXISTS} was among them), with any value.
     */
    public record MetadataCondition(String name, Set<String> values, boolean anyValue) {
        public static final String NAME_EXISTS = "METADATA_NAME_EXISTS";

        public MetadataCondition {
            values = Set.copyOf(values);
        }
    }

    /**
     * The value ranges by figure. With {@code hasNoSales}, the customer must have no sales and only
     * {@code days_since_created} of the ranges counts; {@link #active()} applies that rule.
     */
    public record Values(boolean hasNoSales, Map<Figure, Range> ranges) {
        public Values {
            ranges = ranges.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(ranges));
        }

        /** The enabled ranges that are evaluated. */
        public Map<Figure, Range> active() {
            Map<Figure, Range> out = new EnumMap<>(Figure.class);
            ranges.forEach((figure, range) -> {
                if (range.enabled() && (!hasNoSales || figure == Figure.DAYS_SINCE_CREATED)) out.put(figure, range);
            });
            return out;
        }
    }

    /**
     * Subscription qualifiers, evaluated only when {@code enabled}: every enabled range holds and, when
     * {@code statuses} is not empty, the customer has a subscription in one of them.
     */
    public record SubscriptionOptions(boolean enabled, Map<Figure, Range> ranges, Set<SubscriptionStatus> statuses) {
        public SubscriptionOptions {
            ranges = ranges.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(ranges));
            statuses = Set.copyOf(statuses);
        }

        public static final SubscriptionOptions OFF = new SubscriptionOptions(false, Map.of(), Set.of());
    }

    /** Whether any part of the qualifier constrains anything; without one every customer qualifies. */
    public boolean constrainsAnything() {
        return !filters.isEmpty() || values.hasNoSales() || !values.active().isEmpty()
                || (subscriptionOptions.enabled() && (!subscriptionOptions.statuses().isEmpty()
                        || subscriptionOptions.ranges().values().stream().anyMatch(Range::enabled)));
    }
}
