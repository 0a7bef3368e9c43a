package io.clientele.group;

import static io.clientele.group.GroupFixtures.compositeGroup;
import static io.clientele.group.GroupFixtures.create;
import static io.clientele.group.GroupFixtures.groupId;
import static io.clientele.group.GroupFixtures.manualGroup;
import static io.clientele.group.GroupFixtures.membership;
import static io.clientele.group.GroupFixtures.range;
import static io.clientele.group.GroupFixtures.values;
import static io.clientele.group.GroupFixtures.valuesGroup;
import static io.clientele.testing.Nodes.texts;
import static io.clientele.testing.Requests.auditOf;
import static io.clientele.testing.Requests.customer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.clientele.platform.Ids;
import io.clientele.platform.Json;
import io.clientele.testing.Api;
import io.clientele.testing.TenantRows;
import io.clientele.testing.TestServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Manual membership: adding, removing, refusals for rule-based groups, events, audit, paging, GetCustomer. */
class CustomerGroupMembershipIT {
    private final Api api = TestServer.api();
    private final Api.Tenant acme = api.newTenant("Acme");
    private final TenantRows rows = TenantRows.of(acme);

    private List<TenantRows.EventRow> groupEvents(String customerId) {
        return rows.eventsOf(customerId).stream().filter(e -> e.notation().contains("customer_group")).toList();
    }

    @Test
    void addingACustomerEmitsAddedWithTheGroupsIdAndNameAndShowsInGetCustomer() {
        String doNotContact = create(acme, manualGroup("Do Not Contact"));
        String jane = acme.createCustomer();

        Api.Response added = acme.ok("AddCustomerToGroup", membership(doNotContact, jane));

        assertThat(added.body().path("added").asBoolean()).isTrue();
        List<TenantRows.EventRow> events = groupEvents(jane);
        assertThat(events).hasSize(1);
        assertThat(events.get(0).notation()).isEqualTo("customer.updated.customer_group.added");
        assertThat(events.get(0).itemType()).isEqualTo("customer");
        assertThat(events.get(0).apiCallId()).isEqualTo(added.apiCallId());
        assertThat(events.get(0).payload().path("customer_group_id").asText()).isEqualTo(doNotContact);
        assertThat(events.get(0).payload().path("customer_group_name").asText()).isEqualTo("Do Not Contact");
        assertThat(events.get(0).payload().path("how").asText()).isEqualTo("manual");
        JsonNode section = acme.ok("GetCustomer", customer(jane)).body().path("customer_groups");
        assertThat(texts(section, "customer_group_id")).containsExactly(doNotContact);
        assertThat(texts(section, "name")).containsExactly("Do Not Contact");
        assertThat(acme.ok("GetCustomerGroup", groupId(doNotContact)).body().at("/customer_group/member_count").asLong()).isEqualTo(1);
    }

    @Test
    void membershipChangesReadOnTheCustomersTimeline() {
        String group = create(acme, manualGroup("Do Not Contact"));
        String jane = acme.createCustomer();
        acme.ok("AddCustomerToGroup", membership(group, jane));
        acme.ok("RemoveCustomerFromGroup", membership(group, jane));

        JsonNode entries = acme.ok("GetCustomerTimeline", customer(jane)).body().path("entries");

        assertThat(texts(entries, "kind")).endsWith("group_added", "group_removed");
        assertThat(texts(entries, "summary")).endsWith("Added to customer group Do Not Contact.",
                "Removed from customer group Do Not Contact.");
    }

    @Test
    void addingAnExistingMemberChangesNothingAndEmitsNothing() {
        String group = create(acme, manualGroup("Review"));
        String jane = acme.createCustomer();
        acme.ok("AddCustomerToGroup", membership(group, jane));

        Api.Response again = acme.ok("AddCustomerToGroup", membership(group, jane));

        assertThat(again.body().path("added").asBoolean()).isFalse();
        assertThat(again.text("result")).contains("already");
        assertThat(groupEvents(jane)).hasSize(1);
        assertThat(rows.auditRowsOfCall(again.apiCallId())).isEmpty();
    }

    @Test
    void removingEmitsRemovedOnceAndRemovingANonMemberChangesNothing() {
        String group = create(acme, manualGroup("Review"));
        String jane = acme.createCustomer();
        acme.ok("AddCustomerToGroup", membership(group, jane));

        Api.Response removed = acme.ok("RemoveCustomerFromGroup", membership(group, jane));
        Api.Response again = acme.ok("RemoveCustomerFromGroup", membership(group, jane));

        assertThat(removed.body().path("removed").asBoolean()).isTrue();
        assertThat(again.body().path("removed").asBoolean()).isFalse();
        assertThat(texts(Json.MAPPER.valueToTree(groupEvents(jane)), "notation")).containsExactly(
                "customer.updated.customer_group.added", "customer.updated.customer_group.removed");
        assertThat(acme.ok("GetCustomer", customer(jane)).body().path("customer_groups")).isEmpty();
    }

    @Test
    void everyMembershipChangeIsAudited() {
        String group = create(acme, manualGroup("Review"));
        String jane = acme.createCustomer();
        acme.ok("AddCustomerToGroup", membership(group, jane));
        acme.ok("RemoveCustomerFromGroup", membership(group, jane));

        JsonNode entries = acme.ok("GetAuditLog", auditOf("customer_group", group)).body().path("entries");

        assertThat(texts(entries, "action")).containsExactly("create", "member_added", "member_removed");
        assertThat(entries.get(1).at("/after/customer_id").asText()).isEqualTo(jane);
        assertThat(entries.get(2).at("/before/customer_id").asText()).isEqualTo(jane);
    }

    @Test
    void ruleBasedGroupsRefuseManualMembershipWithAConflict() {
        String vip = create(acme, valuesGroup("VIP", values("lifetime_value", range(true, 1000, 999999))));
        String composite = create(acme, compositeGroup("VIP composite", new String[] {vip}, new String[0]));
        String jane = acme.createCustomer();

        for (String group : List.of(vip, composite)) {
            for (String op : List.of("AddCustomerToGroup", "RemoveCustomerFromGroup")) {
                Api.Response r = acme.call(op, membership(group, jane));
                assertThat(r.status()).as(op).isEqualTo(409);
                assertThat(r.body().at("/error/message").asText()).contains("rule-based").contains("qualifier_method none");
                assertThat(r.body().at("/error/details/0/path").asText()).isEqualTo("/customer_group_id");
            }
        }
        assertThat(groupEvents(jane)).isEmpty();
    }

    @Test
    void anUnknownGroupOrCustomerIsNotFound() {
        String group = create(acme, manualGroup("Review"));
        String jane = acme.createCustomer();

        Api.Response noGroup = acme.call("AddCustomerToGroup", membership(Ids.newId(), jane));
        Api.Response noCustomer = acme.call("AddCustomerToGroup", membership(group, Ids.newId()));

        assertThat(noGroup.status()).isEqualTo(404);
        assertThat(noGroup.body().at("/error/details/0/path").asText()).isEqualTo("/customer_group_id");
        assertThat(noCustomer.status()).isEqualTo(404);
        assertThat(noCustomer.body().at("/error/details/0/path").asText()).isEqualTo("/customer_id");
    }

    @Test
    void membersArePagedMostRecentFirst() {
        String group = create(acme, manualGroup("Review"));
        List<String> customers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String c = acme.createCustomer();
            customers.add(c);
            acme.ok("AddCustomerToGroup", membership(group, c));
        }

        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            var in = groupId(group).put("limit", 2);
            if (cursor != null) in.put("cursor", cursor);
            Api.Response page = acme.ok("GetCustomerGroupMembers", in);
            seen.addAll(texts(page.body().path("members"), "customer_id"));
            page.body().path("members").forEach(m -> assertThat(m.path("how").asText()).isEqualTo("manual"));
            cursor = page.body().path("next_cursor").isNull() ? null : page.body().path("next_cursor").asText();
        } while (cursor != null);

        assertThat(seen).containsExactlyElementsOf(customers.reversed());
    }

    @Test
    void aManualGroupWithMembersCannotBecomeRuleBased() {
        String group = create(acme, manualGroup("Review"));
        acme.ok("AddCustomerToGroup", membership(group, acme.createCustomer()));

        Api.Response r = acme.call("EditCustomerGroup", groupId(group).put("qualifier_method", "specific_values")
                .set("qualifiers", valuesGroup("x", values("num_sale", range(true, 1, 9))).get("qualifiers")));

        assertThat(r.status()).isEqualTo(409);
        assertThat(r.body().at("/error/message").asText()).contains("1 manually added member");
    }

    @Test
    void deletingAGroupRemovesEachMemberWithAnEventAndAnAuditRow() {
        String group = create(acme, manualGroup("Review"));
        String jane = acme.createCustomer();
        String john = acme.createCustomer();
        acme.ok("AddCustomerToGroup", membership(group, jane));
        acme.ok("AddCustomerToGroup", membership(group, john));

        Api.Response deleted = acme.ok("DeleteCustomerGroup", groupId(group));

        assertThat(deleted.body().path("members_removed").asInt()).isEqualTo(2);
        for (String c : List.of(jane, john)) {
            assertThat(groupEvents(c).getLast().notation()).isEqualTo("customer.updated.customer_group.removed");
            assertThat(groupEvents(c).getLast().payload().path("how").asText()).isEqualTo("group_deleted");
            assertThat(acme.ok("GetCustomer", customer(c)).body().path("customer_groups")).isEmpty();
        }
        assertThat(texts(Json.MAPPER.valueToTree(rows.auditRowsOfCall(deleted.apiCallId())), "action"))
                .containsExactly("member_removed", "member_removed", "delete");
        assertThat(acme.call("GetCustomerGroup", groupId(group)).status()).isEqualTo(404);
    }

    @Test
    void aGroupOtherGroupsListCannotBeDeletedAndTheRefusalNamesThem() {
        String base = create(acme, manualGroup("Do Not Contact"));
        String composite = create(acme, compositeGroup("Outreach", new String[0], new String[] {base}));

        Api.Response r = acme.call("DeleteCustomerGroup", groupId(base));

        assertThat(r.status()).isEqualTo(409);
        assertThat(r.body().at("/error/message").asText()).contains("\"Outreach\" (" + composite + ")");
        acme.ok("DeleteCustomerGroup", groupId(composite));
        acme.ok("DeleteCustomerGroup", groupId(base));
    }
}
