package io.clientele.group;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clientele.platform.Json;
import io.clientele.testing.Api;

/** Group definitions for the group suites, read as prose: {@code specificValues(range("lifetime_value", 500, 999999))}. */
final class GroupFixtures {
    private GroupFixtures() {}

    static ObjectNode manualGroup(String name) {
        ObjectNode g = Json.object().put("name", name).put("description", "Manual group.").put("enabled", true)
                .put("qualifier_method", "none");
        g.putObject("qualifiers");
        return g;
    }

    /** A specific_values group with the given values (name → range objects, or has_no_sales). */
    static ObjectNode valuesGroup(String name, ObjectNode values) {
        ObjectNode g = Json.object().put("name", name).put("enabled", false).put("qualifier_method", "specific_values");
        g.putObject("qualifiers").putObject("specific_values").set("values", values);
        return g;
    }

    static ObjectNode range(boolean enabled, Number min, Number max) {
        ObjectNode r = Json.object().put("enabled", enabled);
        if (min != null) r.set("min", Json.MAPPER.valueToTree(min));
        if (max != null) r.set("max", Json.MAPPER.valueToTree(max));
        return r;
    }

    static ObjectNode values(String figure, ObjectNode range) {
        ObjectNode v = Json.object();
        v.set(figure, range);
        return v;
    }

    /** A customer_group group with in_all and not_in lists. */
    static ObjectNode compositeGroup(String name, String[] inAll, String[] notIn) {
        ObjectNode g = Json.object().put("name", name).put("enabled", false).put("qualifier_method", "customer_group");
        ObjectNode cg = g.putObject("qualifiers").putObject("customer_group");
        ArrayNode all = cg.putArray("in_all_customer_group");
        for (String id : inAll) all.add(id);
        ArrayNode not = cg.putArray("not_in_customer_group");
        for (String id : notIn) not.add(id);
        return g;
    }

    static String create(Api.Tenant tenant, ObjectNode group) {
        return tenant.ok("CreateCustomerGroup", group).text("customer_group_id");
    }

    static ObjectNode groupId(String id) {
        return Json.object().put("customer_group_id", id);
    }

    static ObjectNode membership(String groupId, String customerId) {
        return groupId(groupId).put("customer_id", customerId);
    }
}
