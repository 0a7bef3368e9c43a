package io.clientele.group.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.clientele.commerce.Catalogue;
import io.clientele.group.CustomerGroup;
import io.clientele.group.CustomerGroupQualifier;
import io.clientele.group.QualifierMethod;
import io.clientele.group.SpecificValues;
import io.clientele.platform.ErrorType;
import io.clientele.platform.Problem;
import io.clientele.platform.Tx;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;

/**
 * Validates a definition: its form ({@link QualifierParser}), then what it references in the tenant (campaigns,
 * product groups, shops through the catalogue; other groups), then the group graph (no self-reference, no cycle).
 * Runs under {@link GroupStore#lockDefinitions}, so the graph it checks is the one it commits to.
 */
public final class DefinitionChecks {
    private final GroupStore store;
    private final Catalogue catalogue;

    public DefinitionChecks(GroupStore store, Catalogue catalogue) {
        this.store = store;
        this.catalogue = catalogue;
    }

    /** The parsed definition; a Problem when it is malformed, references what the tenant lacks, or makes a cycle. */
    public QualifierParser.Parsed check(Tx tx, String selfId, QualifierMethod method, JsonNode qualifiers) {
        QualifierParser.Parsed parsed = QualifierParser.parse(method, qualifiers);
        if (!parsed.problems().isEmpty()) throw Problem.validation(parsed.problems());
        List<Problem.Detail> missing = new ArrayList<>();
        switch (parsed.qualifier()) {
            case SpecificValues sv -> {
                String at = "/qualifiers/specific_values/filters/";
                exist(tx, sv.filters().campaigns(), qualifiers.at(at.substring(11) + "campaign"), at + "campaign", "campaign",
                        catalogue::campaignExists, missing);
                exist(tx, sv.filters().productGroups(), qualifiers.at(at.substring(11) + "product_group"), at + "product_group",
                        "product group", catalogue::productGroupExists, missing);
                exist(tx, sv.filters().thirdPartyShops(), qualifiers.at(at.substring(11) + "third_party_shop"),
                        at + "third_party_shop", "third-party shop", catalogue::shopExists, missing);
            }
            case CustomerGroupQualifier cg -> groups(tx, selfId, cg, qualifiers, missing);
            default -> { }
        }
        if (!missing.isEmpty()) {
            throw new Problem(ErrorType.NOT_FOUND, missing.size() == 1 ? "A referenced id does not exist in this tenant: "
                    + missing.get(0).message() : missing.size() + " referenced ids do not exist in this tenant; each is"
                    + " listed with its path. Use the ids GetCampaigns, GetProductGroups, GetThirdPartyShops and"
                    + " GetCustomerGroups answer.", missing);
        }
        return parsed;
    }

    private static void exist(Tx tx, List<String> ids, JsonNode sent, String at, String what,
                              BiPredicate<Tx, String> exists, List<Problem.Detail> missing) {
        for (String id : ids) {
            if (!exists.test(tx, id)) missing.add(new Problem.Detail(at + "/" + indexOf(sent, id),
                    "no " + what + " with id " + id + " exists in this tenant"));
        }
    }

    private void groups(Tx tx, String selfId, CustomerGroupQualifier cg, JsonNode qualifiers, List<Problem.Detail> missing) {
        String at = "/qualifiers/customer_group/";
        if (selfId != null && cg.referencedGroups().contains(selfId)) {
            String list = listHolding(cg, selfId);
            throw Problem.validation(at + list + "/" + indexOf(qualifiers.at("/customer_group/" + list), selfId),
                    "a group cannot list itself in its own qualifiers; list the other groups it depends on");
        }
        Map<String, String> names = store.names(tx, cg.referencedGroups());
        for (String list : List.of("in_any_customer_group", "in_all_customer_group", "not_in_customer_group")) {
            JsonNode sent = qualifiers.at("/customer_group/" + list);
            for (JsonNode id : sent) {
                if (!names.containsKey(id.asText())) {
                    missing.add(new Problem.Detail(at + list + "/" + indexOf(sent, id.asText()),
                            "no customer group with id " + id.asText() + " exists in this tenant"));
                }
            }
        }
        if (selfId != null && missing.isEmpty()) {
            List<String> cycle = cycleThrough(tx, selfId, cg);
            if (!cycle.isEmpty()) {
                Map<String, String> all = store.names(tx, cycle);
                List<String> named = cycle.stream().map(id -> "\"" + all.get(id) + "\" (" + id + ")").toList();
                throw Problem.validation(at.substring(0, at.length() - 1), "would make a cycle of groups: "
                        + String.join(" -> ", named) + ". A composite group cannot depend on itself through other groups;"
                        + " remove one of these references.");
            }
        }
    }

    /** A path self -> … -> self through the tenant's composite groups with this group's new references, or empty. */
    private List<String> cycleThrough(Tx tx, String selfId, CustomerGroupQualifier cg) {
        Map<String, List<String>> edges = new HashMap<>();
        for (CustomerGroup g : store.composites(tx)) {
            if (g.qualifier() instanceof CustomerGroupQualifier q) edges.put(g.customerGroupId(), List.copyOf(q.referencedGroups()));
        }
        edges.put(selfId, List.copyOf(cg.referencedGroups()));
        List<String> path = new ArrayList<>();
        path.add(selfId);
        return walk(selfId, selfId, edges, path, new HashSet<>()) ? path : List.of();
    }

    private static boolean walk(String at, String target, Map<String, List<String>> edges, List<String> path, Set<String> seen) {
        for (String next : edges.getOrDefault(at, List.of())) {
            path.add(next);
            if (next.equals(target)) return true;
            if (seen.add(next) && walk(next, target, edges, path, seen)) return true;
            path.removeLast();
        }
        return false;
    }

    private static String listHolding(CustomerGroupQualifier cg, String id) {
        if (cg.inAny().contains(id)) return "in_any_customer_group";
        if (cg.inAll().contains(id)) return "in_all_customer_group";
        return "not_in_customer_group";
    }

    private static int indexOf(JsonNode list, String id) {
        for (int i = 0; i < list.size(); i++) if (list.get(i).asText().equals(id)) return i;
        return 0;
    }
}
