package io.clientele.group.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.clientele.group.CustomerGroupQualifier;
import io.clientele.group.Figure;
import io.clientele.group.ManualOnly;
import io.clientele.group.Qualifier;
import io.clientele.group.QualifierMethod;
import io.clientele.group.Range;
import io.clientele.group.SpecificValues;
import io.clientele.group.SpecificValues.MetadataCondition;
import io.clientele.group.SubscriptionStatus;
import io.clientele.operation.Outcome.Warning;
import io.clientele.platform.Ids;
import io.clientele.platform.Problem.Detail;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a request's {@code qualifier_method} and {@code qualifiers} (already valid against the schema) into the
 * typed {@link Qualifier} of the selected branch, with the form problems (ranges, ids) and the warnings about
 * what is sent but ignored. References to stored items are checked afterwards, by {@code GroupRules}.
 */
public final class QualifierParser {
    /** The parsed rule (null when there are problems), warnings, and problems with their pointers. */
    public record Parsed(Qualifier qualifier, List<Warning> warnings, List<Detail> problems) {}

    static final String LAYERED = "Create one group per qualifier_method and combine them with a qualifier_method"
            + " customer_group group (in_any_customer_group for OR, in_all_customer_group for AND,"
            + " not_in_customer_group to exclude).";

    private QualifierParser() {}

    public static Parsed parse(QualifierMethod method, JsonNode qualifiers) {
        JsonNode q = qualifiers == null || qualifiers.isNull() ? MissingNode.getInstance() : qualifiers;
        List<Warning> warnings = new ArrayList<>();
        List<Detail> problems = new ArrayList<>();
        Qualifier qualifier = switch (method) {
            case NONE -> {
                ignored(q, "specific_values", "qualifier_method is none, so no qualifier is evaluated: customers join"
                        + " and leave only through AddCustomerToGroup and RemoveCustomerFromGroup. To qualify customers"
                        + " by these values, use qualifier_method specific_values. " + LAYERED, warnings);
                ignored(q, "customer_group", "qualifier_method is none, so no qualifier is evaluated: customers join"
                        + " and leave only through AddCustomerToGroup and RemoveCustomerFromGroup. To qualify customers"
                        + " by other groups, use qualifier_method customer_group.", warnings);
                yield new ManualOnly();
            }
            case SPECIFIC_VALUES -> {
                ignored(q, "customer_group", "qualifier_method is specific_values, so customer-group membership is not"
                        + " evaluated. To require or exclude membership in other groups as well, keep this group as it"
                        + " is and create a qualifier_method customer_group group that lists this group's id in"
                        + " in_all_customer_group and the others in in_all_customer_group or not_in_customer_group.",
                        warnings);
                if (!q.has("specific_values")) {
                    problems.add(new Detail("/qualifiers/specific_values", "is required when qualifier_method is"
                            + " specific_values: send the filters, values and subscription_options customers must match"
                            + " (or use qualifier_method none for a manual group)"));
                    yield null;
                }
                yield specificValues(q.get("specific_values"), warnings, problems);
            }
            case CUSTOMER_GROUP -> {
                ignored(q, "specific_values", "qualifier_method is customer_group, so filters, values and subscription"
                        + " options are not evaluated. To combine them with group membership, create a qualifier_method"
                        + " specific_values group with them, then list its id in this group's in_all_customer_group.",
                        warnings);
                if (!q.has("customer_group")) {
                    problems.add(new Detail("/qualifiers/customer_group", "is required when qualifier_method is"
                            + " customer_group: list the groups in in_any_customer_group, in_all_customer_group and/or"
                            + " not_in_customer_group"));
                    yield null;
                }
                yield customerGroup(q.get("customer_group"), problems);
            }
        };
        return new Parsed(problems.isEmpty() ? qualifier : null, warnings, problems);
    }

    private static void ignored(JsonNode q, String branch, String why, List<Warning> warnings) {
        if (q.has(branch)) {
            warnings.add(new Warning("/qualifiers/" + branch, "ignored: " + why));
        }
    }

    private static SpecificValues specificValues(JsonNode sv, List<Warning> warnings, List<Detail> problems) {
        String at = "/qualifiers/specific_values";
        JsonNode f = sv.path("filters");
        SpecificValues.Filters filters = new SpecificValues.Filters(
                ids(f.path("campaign"), at + "/filters/campaign", "campaign_id", "GetCampaigns", problems),
                ids(f.path("product_group"), at + "/filters/product_group", "product_group_id", "GetProductGroups", problems),
                ids(f.path("third_party_shop"), at + "/filters/third_party_shop", "third_party_shop_id",
                        "GetThirdPartyShops", problems),
                metadata(f.path("metadata")));

        JsonNode v = sv.path("values");
        boolean hasNoSales = v.path("has_no_sales").asBoolean(false);
        Map<Figure, Range> ranges = ranges(v, false, at + "/values", problems);
        if (hasNoSales) {
            ranges.forEach((figure, range) -> {
                if (range.enabled() && figure != Figure.DAYS_SINCE_CREATED) {
                    warnings.add(new Warning(at + "/values/" + figure.wire(), "ignored: has_no_sales is true, so only"
                            + " days_since_created of the values is evaluated (the customer has no sales at all)."
                            + " Set has_no_sales to false to qualify on " + figure.wire() + "."));
                }
            });
        }
        SpecificValues.Values values = new SpecificValues.Values(hasNoSales, ranges);

        JsonNode so = sv.path("subscription_options");
        SpecificValues.SubscriptionOptions options = SpecificValues.SubscriptionOptions.OFF;
        if (!so.isMissingNode()) {
            boolean enabled = so.path("enabled").asBoolean(false);
            Map<Figure, Range> renewals = ranges(so, true, at + "/subscription_options", problems);
            Set<SubscriptionStatus> statuses = EnumSet.noneOf(SubscriptionStatus.class);
            so.path("status").forEach(s -> statuses.add(SubscriptionStatus.fromWire(s.asText())));
            boolean sentCriteria = !statuses.isEmpty() || renewals.values().stream().anyMatch(Range::enabled);
            if (!enabled && sentCriteria) {
                warnings.add(new Warning(at + "/subscription_options", "ignored: subscription_options.enabled is not"
                        + " true, so its ranges and statuses are not evaluated. Set enabled to true to qualify on them."));
            }
            options = new SpecificValues.SubscriptionOptions(enabled, renewals, statuses);
        }
        SpecificValues result = new SpecificValues(filters, values, options);
        if (problems.isEmpty() && !result.constrainsAnything()) {
            warnings.add(new Warning(at, "qualifies every customer: no filter, no enabled value and no enabled"
                    + " subscription option. Enable the ranges or add the filters customers must match."));
        }
        return result;
    }

    private static Map<Figure, Range> ranges(JsonNode parent, boolean subscription, String at, List<Detail> problems) {
        Map<Figure, Range> out = new EnumMap<>(Figure.class);
        for (Figure figure : Figure.values(subscription)) {
            JsonNode r = parent.path(figure.wire());
            if (r.isMissingNode()) continue;
            String path = at + "/" + figure.wire();
            boolean enabled = r.path("enabled").asBoolean(false);
            BigDecimal min = r.hasNonNull("min") ? r.get("min").decimalValue() : null;
            BigDecimal max = r.hasNonNull("max") ? r.get("max").decimalValue() : null;
            if (enabled && min == null) {
                problems.add(new Detail(path + "/min", "is required when the range is enabled: the customer's "
                        + figure.meaning() + " must be at least min"));
            }
            if (enabled && max == null) {
                problems.add(new Detail(path + "/max", "is required when the range is enabled: the customer's "
                        + figure.meaning() + " must be at most max; for no practical upper limit send a large max"
                        + " such as 999999"));
            }
            if (min != null && max != null && min.compareTo(max) > 0) {
                problems.add(new Detail(path, "min (" + min.toPlainString() + ") is greater than max ("
                        + max.toPlainString() + "), so no customer could qualify. max: 0 is not \"no limit\": it is a"
                        + " real upper bound (0..0 means exactly zero). For \"" + min.toPlainString()
                        + " or more\" send a large max such as 999999."));
            }
            out.put(figure, new Range(enabled, min, max));
        }
        return out;
    }

    private static List<MetadataCondition> metadata(JsonNode filters) {
        Map<String, Set<String>> byName = new LinkedHashMap<>();
        filters.forEach(m -> byName.computeIfAbsent(m.path("name").asText(), n -> new LinkedHashSet<>())
                .add(m.path("value").asText()));
        List<MetadataCondition> out = new ArrayList<>();
        byName.forEach((name, values) -> {
            boolean any = values.contains(MetadataCondition.NAME_EXISTS);
            out.add(new MetadataCondition(name, any ? Set.of() : values, any));
        });
        return out;
    }

    private static CustomerGroupQualifier customerGroup(JsonNode cg, List<Detail> problems) {
        String at = "/qualifiers/customer_group";
        CustomerGroupQualifier qualifier = new CustomerGroupQualifier(
                ids(cg.path("in_any_customer_group"), at + "/in_any_customer_group", "customer_group_id", "GetCustomerGroups", problems),
                ids(cg.path("in_all_customer_group"), at + "/in_all_customer_group", "customer_group_id", "GetCustomerGroups", problems),
                ids(cg.path("not_in_customer_group"), at + "/not_in_customer_group", "customer_group_id", "GetCustomerGroups", problems));
        if (qualifier.referencedGroups().isEmpty() && problems.isEmpty()) {
            problems.add(new Detail(at, "lists no group: put at least one customer_group_id in in_any_customer_group,"
                    + " in_all_customer_group or not_in_customer_group (or use qualifier_method none for a manual group)"));
        }
        return qualifier;
    }

    /** The ids of a list, each checked to be a real-looking id: placeholders are refused here, by name. */
    private static List<String> ids(JsonNode list, String at, String idName, String lister, List<Detail> problems) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String id = list.get(i).asText();
            if (!Ids.isId(id)) {
                problems.add(new Detail(at + "/" + i, "'" + id + "' is not a " + idName + ": a real 20-character id of"
                        + " letters and digits is needed, not a placeholder or a name. " + lister + " lists the ids."));
            } else if (!out.contains(id)) {
                out.add(id);
            }
        }
        return out;
    }
}
