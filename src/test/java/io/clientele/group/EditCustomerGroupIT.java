package io.clientele.group;

import static io.clientele.group.GroupFixtures.create;
import static io.clientele.group.GroupFixtures.groupId;
import static io.clientele.group.GroupFixtures.manualGroup;
import static io.clientele.group.GroupFixtures.range;
import static io.clientele.group.GroupFixtures.values;
import static io.clientele.group.GroupFixtures.valuesGroup;
import static io.clientele.testing.Nodes.texts;
import static io.clientele.testing.Requests.auditOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.clientele.platform.Json;
import io.clientele.testing.Api;
import io.clientele.testing.TestServer;
import org.junit.jupiter.api.Test;

/** EditCustomerGroup: partial changes as EditCustomer makes them, re-validated as a whole; reading and listing. */
class EditCustomerGroupIT {
    private final Api api = TestServer.api();
    private final Api.Tenant acme = api.newTenant("Acme");

    @Test
    void onlyTheFieldsSentChangeAndTheAnswerListsThem() {
        String vip = create(acme, valuesGroup("VIP", values("lifetime_value", range(true, 1000, 999999)))
                .put("description", "Big spenders."));

        Api.Response edited = acme.ok("EditCustomerGroup", groupId(vip).put("enabled", true).put("name", "VIP Customers"));

        assertThat(texts(edited.body().path("changed_fields"))).containsExactly("name", "enabled");
        JsonNode group = edited.body().path("customer_group");
        assertThat(group.path("name").asText()).isEqualTo("VIP Customers");
        assertThat(group.path("enabled").asBoolean()).isTrue();
        assertThat(group.path("description").asText()).isEqualTo("Big spenders.");
        assertThat(group.at("/qualifiers/specific_values/values/lifetime_value/min").asInt()).isEqualTo(1000);
        JsonNode audit = acme.ok("GetAuditLog", auditOf("customer_group", vip)).body().path("entries");
        assertThat(texts(audit, "action")).containsExactly("create", "update");
        assertThat(audit.get(1).at("/before/name").asText()).isEqualTo("VIP");
    }

    @Test
    void anEmptyDescriptionClearsItAndAnEditThatChangesNothingWritesNothing() {
        String group = create(acme, manualGroup("Review"));

        Api.Response cleared = acme.ok("EditCustomerGroup", groupId(group).put("description", ""));
        Api.Response same = acme.ok("EditCustomerGroup", groupId(group).put("name", "Review"));

        assertThat(cleared.body().at("/customer_group/description").isNull()).isTrue();
        assertThat(same.body().path("changed_fields")).isEmpty();
        assertThat(texts(acme.ok("GetAuditLog", auditOf("customer_group", group)).body().path("entries"), "action"))
                .containsExactly("create", "update");
    }

    @Test
    void editsAreValidatedLikeCreatesAndARefusedEditChangesNothing() {
        String vip = create(acme, valuesGroup("VIP", values("lifetime_value", range(true, 1000, 999999))));

        Api.Response r = acme.call("EditCustomerGroup", groupId(vip)
                .set("qualifiers", valuesGroup("x", values("lifetime_value", range(true, 500, 0))).get("qualifiers")));
        Api.Response methodOnly = acme.call("EditCustomerGroup", groupId(vip).put("qualifier_method", "customer_group"));

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body().at("/error/details/0/message").asText()).contains("max: 0 is not \"no limit\"");
        assertThat(methodOnly.status()).isEqualTo(400);
        assertThat(methodOnly.body().at("/error/details/0/path").asText()).isEqualTo("/qualifiers/customer_group");
        assertThat(acme.ok("GetCustomerGroup", groupId(vip)).body()
                .at("/customer_group/qualifiers/specific_values/values/lifetime_value/max").asInt()).isEqualTo(999999);
    }

    @Test
    void editingIntoAnIgnoredBranchAnswersTheWarning() {
        String group = create(acme, manualGroup("Review"));

        Api.Response r = acme.ok("EditCustomerGroup", groupId(group)
                .set("qualifiers", valuesGroup("x", values("num_sale", range(true, 1, 9))).get("qualifiers")));

        assertThat(r.body().at("/warnings/0/path").asText()).isEqualTo("/qualifiers/specific_values");
    }

    @Test
    void groupsAreListedByPageAndFilteredByMethodAndEnabled() {
        String manual = create(acme, manualGroup("Review"));
        String vip = create(acme, valuesGroup("VIP", values("lifetime_value", range(true, 1000, 999999))));
        String winback = create(acme, valuesGroup("Winback", values("days_last_sale", range(true, 90, 365))));

        Api.Response first = acme.ok("GetCustomerGroups", Json.object().put("limit", 2));
        Api.Response second = acme.ok("GetCustomerGroups", Json.object().put("limit", 2)
                .put("cursor", first.body().path("next_cursor").asText()));
        Api.Response rules = acme.ok("GetCustomerGroups", Json.object().put("qualifier_method", "specific_values")
                .put("order", "oldest_first"));
        Api.Response enabled = acme.ok("GetCustomerGroups", Json.object().put("enabled", true));

        assertThat(texts(first.body().path("customer_groups"), "customer_group_id")).containsExactly(winback, vip);
        assertThat(texts(second.body().path("customer_groups"), "customer_group_id")).containsExactly(manual);
        assertThat(second.body().path("next_cursor").isNull()).isTrue();
        assertThat(texts(rules.body().path("customer_groups"), "customer_group_id")).containsExactly(vip, winback);
        assertThat(texts(enabled.body().path("customer_groups"), "customer_group_id")).containsExactly(manual);
    }
}
