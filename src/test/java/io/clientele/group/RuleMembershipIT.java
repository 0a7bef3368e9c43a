package io.clientele.group;

import static io.clientele.group.GroupFixtures.create;
import static io.clientele.group.GroupFixtures.groupId;
import static io.clientele.group.GroupFixtures.manualGroup;
import static io.clientele.group.GroupFixtures.membership;
import static io.clientele.group.GroupFixtures.range;
import static io.clientele.group.GroupFixtures.values;
import static io.clientele.group.GroupFixtures.valuesGroup;
import static io.clientele.testing.Nodes.texts;
import static io.clientele.testing.Requests.customer;
import static io.clientele.testing.Requests.removeMetadata;
import static io.clientele.testing.Requests.setMetadata;
import static io.clientele.testing.SaleBuilder.aSale;
import static io.clientele.testing.SaleBuilder.product;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clientele.platform.Json;
import io.clientele.testing.Api;
import io.clientele.testing.TenantRows;
import io.clientele.testing.TestServer;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Rule-based membership follows the customer's data: each write that changes what a group reads re-evaluates the
 * customer in the same call, announcing only real changes; definitions written enabled are evaluated in full.
 */
class RuleMembershipIT {
    private final Api api = TestServer.api();
    private final Api.Tenant shop = api.newTenant("Paver Shop");
    private final TenantRows rows = TenantRows.of(shop);
    private final String paver = product(shop, "600.00");
    private final String gloves = product(shop, "10.00");

    private List<TenantRows.EventRow> groupEvents(String customerId) {
        return rows.eventsOf(customerId).stream().filter(e -> e.notation().contains("customer_group")).toList();
    }

    private ObjectNode bigSpenders(boolean enabled) {
        return valuesGroup("Big spenders", values("lifetime_value", range(true, 500, 999999))).put("enabled", enabled);
    }

    private List<String> groupsOf(String customerId) {
        return texts(shop.ok("GetCustomer", customer(customerId)).body().path("customer_groups"), "customer_group_id");
    }

    @Test
    void aSaleThatQualifiesAddsTheCustomerInTheSameCallAndARefundThatDisqualifiesRemovesIt() {
        String group = create(shop, bigSpenders(true));
        String jane = shop.createCustomer();

        Api.Response sale = shop.ok("CreateSale", aSale().paid().by(jane).of(paver, 1).build());

        List<TenantRows.EventRow> events = groupEvents(jane);
        assertThat(events).hasSize(1);
        assertThat(events.get(0).notation()).isEqualTo("customer.updated.customer_group.added");
        assertThat(events.get(0).apiCallId()).isEqualTo(sale.apiCallId());
        assertThat(events.get(0).payload().path("customer_group_id").asText()).isEqualTo(group);
        assertThat(events.get(0).payload().path("customer_group_name").asText()).isEqualTo("Big spenders");
        assertThat(events.get(0).payload().path("how").asText()).isEqualTo("qualifiers");
        assertThat(groupsOf(jane)).containsExactly(group);
        List<String> notations = rows.eventsOf(jane).stream().map(TenantRows.EventRow::notation).toList();
        assertThat(notations.indexOf("customer.updated.customer_group.added")).isGreaterThan(notations.indexOf("sale.created.success.paid"));

        shop.ok("CreateSale", aSale().paid().by(jane).of(gloves, 1).build());
        assertThat(groupEvents(jane)).as("still qualifies: nothing to announce").hasSize(1);

        shop.ok("CreateRefund", Json.object().put("sale_id", sale.text("sale_id")).put("amount", new BigDecimal("200.00")));

        assertThat(groupEvents(jane)).extracting(TenantRows.EventRow::notation).containsExactly(
                "customer.updated.customer_group.added", "customer.updated.customer_group.removed");
        assertThat(groupsOf(jane)).isEmpty();
        assertThat(shop.ok("GetCustomerGroup", groupId(group)).body().at("/customer_group/member_count").asLong()).isZero();
    }

    @Test
    void metadataWritesReEvaluate() {
        ObjectNode gold = Json.object().put("name", "Gold tier").put("enabled", true).put("qualifier_method", "specific_values");
        gold.putObject("qualifiers").putObject("specific_values").putObject("filters").putArray("metadata")
                .addObject().put("name", "tier").put("value", "gold");
        String group = create(shop, gold);
        String jane = shop.createCustomer();

        shop.ok("InsertMetadata", setMetadata(jane, "tier", "gold"));
        assertThat(groupsOf(jane)).containsExactly(group);

        shop.ok("InsertMetadata", setMetadata(jane, "tier", "silver"));
        assertThat(groupsOf(jane)).isEmpty();

        shop.ok("InsertMetadata", setMetadata(jane, "tier", "gold"));
        shop.ok("DeleteMetadata", removeMetadata(jane, "tier"));
        assertThat(groupEvents(jane)).extracting(TenantRows.EventRow::notation).containsExactly(
                "customer.updated.customer_group.added", "customer.updated.customer_group.removed",
                "customer.updated.customer_group.added", "customer.updated.customer_group.removed");
    }

    @Test
    void aDisabledGroupIsNotEvaluatedAndEnablingItEvaluatesItInFull() {
        String jane = shop.createCustomer();
        shop.ok("CreateSale", aSale().paid().by(jane).of(paver, 1).build());
        String group = create(shop, bigSpenders(false));
        String joe = shop.createCustomer();
        shop.ok("CreateSale", aSale().paid().by(joe).of(paver, 1).build());

        assertThat(groupEvents(jane)).isEmpty();
        assertThat(groupEvents(joe)).isEmpty();
        assertThat(shop.ok("GetCustomerGroup", groupId(group)).body().at("/customer_group/member_count").asLong()).isZero();

        Api.Response enabled = shop.ok("EditCustomerGroup", groupId(group).put("enabled", true));

        assertThat(enabled.body().has("warnings")).isFalse();
        assertThat(groupsOf(jane)).containsExactly(group);
        assertThat(groupsOf(joe)).containsExactly(group);
        assertThat(groupEvents(jane)).singleElement().satisfies(e -> assertThat(e.apiCallId()).isEqualTo(enabled.apiCallId()));
    }

    @Test
    void creatingAnEnabledGroupEvaluatesExistingCustomers() {
        String jane = shop.createCustomer();
        shop.ok("CreateSale", aSale().paid().by(jane).of(paver, 1).build());
        String small = shop.createCustomer();
        shop.ok("CreateSale", aSale().paid().by(small).of(gloves, 1).build());

        String group = create(shop, bigSpenders(true));

        assertThat(groupsOf(jane)).containsExactly(group);
        assertThat(groupsOf(small)).isEmpty();
        assertThat(shop.ok("GetCustomerGroupMembers", groupId(group)).body().path("members")).hasSize(1);
    }

    @Test
    void addingManyCustomersAtOnceIsAnsweredWithAWarningThatSaysHowMany() {
        ObjectNode batch = Json.object();
        var list = batch.putArray("customers");
        for (int i = 0; i < Groups.MANY; i++) list.addObject().put("first_name", "Lead " + i);
        shop.ok("CreateCustomers", batch);

        Api.Response created = shop.ok("CreateCustomerGroup",
                valuesGroup("No sales yet", Json.object().put("has_no_sales", true)).put("enabled", true));

        assertThat(created.body().path("warnings")).hasSize(1);
        assertThat(created.body().at("/warnings/0/path").asText()).isEqualTo("/enabled");
        assertThat(created.body().at("/warnings/0/message").asText()).contains("added 100 customers")
                .contains("PreviewCustomerGroup");
    }

    @Test
    void compositeGroupsFollowTheGroupsTheyReadInTheSameCall() {
        String vip = create(shop, bigSpenders(true));
        String doNotContact = create(shop, manualGroup("Do Not Contact"));
        ObjectNode outreach = GroupFixtures.compositeGroup("VIP outreach", new String[] {vip}, new String[] {doNotContact}).put("enabled", true);
        String composite = create(shop, outreach);
        String jane = shop.createCustomer();

        shop.ok("CreateSale", aSale().paid().by(jane).of(paver, 1).build());
        assertThat(groupsOf(jane)).containsExactlyInAnyOrder(vip, composite);

        shop.ok("AddCustomerToGroup", membership(doNotContact, jane));
        assertThat(groupsOf(jane)).containsExactlyInAnyOrder(vip, doNotContact);

        shop.ok("RemoveCustomerFromGroup", membership(doNotContact, jane));
        assertThat(groupsOf(jane)).containsExactlyInAnyOrder(vip, composite);
    }

    @Test
    void aDeletedCustomerLeavesRuleGroupsAndARestoredOneComesBack() {
        String group = create(shop, bigSpenders(true));
        String jane = shop.createCustomer();
        shop.ok("CreateSale", aSale().paid().by(jane).of(paver, 1).build());

        shop.ok("DeleteCustomer", customer(jane));
        assertThat(shop.ok("GetCustomerGroup", groupId(group)).body().at("/customer_group/member_count").asLong()).isZero();

        shop.ok("RestoreCustomer", customer(jane));
        assertThat(groupsOf(jane)).containsExactly(group);
        assertThat(groupEvents(jane)).extracting(TenantRows.EventRow::notation).containsExactly(
                "customer.updated.customer_group.added", "customer.updated.customer_group.removed",
                "customer.updated.customer_group.added");
    }

    @Test
    void aMergeEvaluatesThePrimaryWithItsNewRecordsAndTheSecondaryLeaves() {
        String group = create(shop, bigSpenders(true));
        String jane = shop.createCustomer();
        String janeAgain = shop.createCustomer();
        shop.ok("CreateSale", aSale().paid().by(jane).of(gloves, 1).build());
        shop.ok("CreateSale", aSale().paid().by(janeAgain).of(paver, 1).build());
        assertThat(groupsOf(janeAgain)).containsExactly(group);

        shop.ok("MergeCustomers", Json.object().put("primary_customer_id", jane).put("secondary_customer_id", janeAgain));

        assertThat(groupsOf(jane)).containsExactly(group);
        assertThat(texts(shop.ok("GetCustomerGroupMembers", groupId(group)).body().path("members"), "customer_id")).containsExactly(jane);
    }

    @Test
    void aPreviewCountsAndSamplesWithoutWritingAnything() {
        String jane = shop.createCustomer(Json.object().put("first_name", "Jane").put("last_name", "Doe").put("email", "jane@example.com"));
        shop.ok("CreateSale", aSale().paid().by(jane).of(paver, 1).build());
        String joe = shop.createCustomer();
        shop.ok("CreateSale", aSale().paid().by(joe).of(gloves, 1).build());
        String group = create(shop, bigSpenders(true));
        long eventsBefore = rows.events().size();

        ObjectNode fresh = valuesGroup("x", values("lifetime_value", range(true, 1, 999999)));
        fresh.remove("name");
        fresh.remove("enabled");
        Api.Response preview = shop.ok("PreviewCustomerGroup", fresh);

        assertThat(preview.body().path("qualifying_count").asLong()).isEqualTo(2);
        assertThat(texts(preview.body().path("qualifying_sample"), "customer_id")).containsExactlyInAnyOrder(jane, joe);
        assertThat(texts(preview.body().path("qualifying_sample"), "name")).contains("Jane Doe");
        assertThat(preview.body().path("adding_count").isNull()).isTrue();

        ObjectNode edit = groupId(group).put("qualifier_method", "specific_values");
        edit.set("qualifiers", fresh.get("qualifiers"));
        Api.Response change = shop.ok("PreviewCustomerGroup", edit);

        assertThat(change.body().path("adding_count").asLong()).isEqualTo(1);
        assertThat(texts(change.body().path("adding_sample"), "customer_id")).containsExactly(joe);
        assertThat(change.body().path("removing_count").asLong()).isZero();
        assertThat(rows.events()).hasSize((int) eventsBefore);
        assertThat(groupsOf(joe)).isEmpty();
    }

    @Test
    void aPreviewAnswersTheDefinitionsWarningsOnceInTheEnvelope() {
        ObjectNode everyone = Json.object().put("qualifier_method", "specific_values");
        everyone.putObject("qualifiers").putObject("specific_values");

        Api.Response preview = shop.ok("PreviewCustomerGroup", everyone);

        assertThat(preview.body().path("warnings")).hasSize(1);
        assertThat(preview.body().at("/warnings/0/message").asText()).contains("every customer");
        assertThat(preview.body().path("qualifying_count").asLong()).isZero();
    }

    @Test
    void previewingAManualDefinitionIsRefusedWithTheReason() {
        Api.Response r = shop.call("PreviewCustomerGroup", Json.object().put("qualifier_method", "none"));

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body().at("/error/details/0/path").asText()).isEqualTo("/qualifier_method");
        assertThat(r.body().at("/error/details/0/message").asText()).contains("AddCustomerToGroup");
    }
}
