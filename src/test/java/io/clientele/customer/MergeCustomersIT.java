package io.clientele.customer;

import static io.clientele.testing.CustomerBuilder.aCustomer;
import static io.clientele.testing.Requests.customer;
import static io.clientele.testing.Requests.list;
import static io.clientele.testing.Requests.note;
import static io.clientele.testing.Requests.setMetadata;
import static io.clientele.testing.SaleBuilder.aSale;
import static io.clientele.testing.SaleBuilder.product;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clientele.platform.Json;
import io.clientele.testing.Api;
import io.clientele.testing.TenantRows;
import io.clientele.testing.TestServer;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** MergeCustomers: every record moves, lifetime values follow, the old id resolves, and a dry run writes nothing. */
class MergeCustomersIT {
    private final Api api = TestServer.api();
    private final Api.Tenant shop = api.newTenant("Paver Shop");
    private final TenantRows rows = TenantRows.of(shop);
    private final String paver = product(shop, "20.00");
    private final String jane = shop.createCustomer(aCustomer().named("Jane", "Doe").withEmail("jane@example.com").tagged("VIP"));
    private final String janeAgain = shop.createCustomer(aCustomer().named("Jane", "Doe").withEmail("jane.doe@work.example")
            .atCompany("Doe Widgets").tagged("wholesale"));

    @Test
    void everyRecordOfTheSecondaryMovesAndItsOldIdFindsThePrimary() {
        shop.ok("CreateSale", aSale().paid().by(jane).of(paver, 1).build());
        String sale = shop.ok("CreateSale", aSale().paid().by(janeAgain).of(paver, 2).build()).text("sale_id");
        shop.ok("CreateRefund", Json.object().put("sale_id", sale).put("amount", new BigDecimal("5.00")));
        shop.ok("CreateNote", note(janeAgain, "Called about delivery."));
        shop.ok("InsertMetadata", setMetadata(jane, "tier", "gold"));
        shop.ok("InsertMetadata", setMetadata(janeAgain, "tier", "silver", "affiliate_id", "AFF-1"));
        long saleEventsBefore = saleEvents();

        Api.Response merged = shop.ok("MergeCustomers", merge(jane, janeAgain));

        assertThat(merged.body().path("dry_run").asBoolean()).isFalse();
        assertThat(moved(merged)).containsEntry("sale", 1L).containsEntry("product_sale", 1L).containsEntry("refund", 1L)
                .containsEntry("note", 1L).containsEntry("metadata", 1L).containsEntry("metadata_dropped", 1L);
        JsonNode profile = shop.ok("GetCustomer", customer(jane)).body();
        assertThat(profile.at("/customer/company").asText()).isEqualTo("Doe Widgets"); // the primary had none
        assertThat(profile.at("/customer/email").asText()).isEqualTo("jane@example.com");
        assertThat(profile.at("/customer/tags").toString()).isEqualTo("[\"VIP\",\"wholesale\"]");
        assertThat(profile.at("/notes/count").asInt()).isEqualTo(1);
        assertThat(metadata(profile)).containsEntry("tier", "gold").containsEntry("affiliate_id", "AFF-1");

        JsonNode value = shop.ok("GetLifetimeValue", customer(jane)).body().path("lifetime_value");
        assertThat(value.path("num_sale").asInt()).isEqualTo(2);
        assertThat(value.path("gross").decimalValue()).isEqualByComparingTo("60.00");
        assertThat(value.path("refunded").decimalValue()).isEqualByComparingTo("5.00");
        assertThat(shop.ok("RebuildLifetimeValues", Json.object()).body().path("rows_changed").asInt()).isZero();

        Api.Response byOldId = shop.ok("GetCustomer", customer(janeAgain));
        assertThat(byOldId.body().at("/customer/customer_id").asText()).isEqualTo(jane);
        assertThat(byOldId.body().at("/warnings/0/message").asText()).contains("was merged into " + jane);
        assertThat(shop.call("RestoreCustomer", customer(janeAgain)).status()).isEqualTo(409);

        assertThat(saleEvents()).isEqualTo(saleEventsBefore);
        TenantRows.EventRow event = rows.eventsOf(jane).getLast();
        assertThat(event.notation()).isEqualTo("customer.merged");
        assertThat(event.payload().path("secondary_customer_id").asText()).isEqualTo(janeAgain);
        assertThat(rows.count("customer_merge_log")).isEqualTo(1);
        assertThat(rows.auditRowsOfCall(merged.apiCallId())).extracting(TenantRows.AuditRow::action)
                .contains("merge", "merged_into");
    }

    @Test
    void theSecondarysGroupsBecomeThePrimarysAndOnlyTheNewMembershipIsAnnounced() {
        String vip = group("VIP by hand");
        String shared = group("Newsletter by hand");
        shop.ok("AddCustomerToGroup", Json.object().put("customer_group_id", vip).put("customer_id", janeAgain));
        shop.ok("AddCustomerToGroup", Json.object().put("customer_group_id", shared).put("customer_id", janeAgain));
        shop.ok("AddCustomerToGroup", Json.object().put("customer_group_id", shared).put("customer_id", jane));

        Api.Response dry = shop.ok("MergeCustomers", merge(jane, janeAgain).put("dry_run", true));
        Api.Response merged = shop.ok("MergeCustomers", merge(jane, janeAgain));

        assertThat(moved(dry)).containsEntry("customer_group_member", 1L);
        assertThat(moved(merged)).containsEntry("customer_group_member", 1L);
        assertThat(shop.ok("GetCustomer", customer(jane)).body().path("customer_groups").findValuesAsText("customer_group_id"))
                .containsExactlyInAnyOrder(vip, shared);
        assertThat(rows.eventsOfCall(merged.apiCallId())).extracting(TenantRows.EventRow::notation)
                .containsExactlyInAnyOrder("customer.updated.customer_group.added", "customer.merged");
        JsonNode members = shop.ok("GetCustomerGroupMembers", Json.object().put("customer_group_id", vip)).body();
        assertThat(members.toString()).contains(jane).doesNotContain(janeAgain);
    }

    @Test
    void aFieldChoiceTakesTheSecondarysValue() {
        ObjectNode body = merge(jane, janeAgain);
        body.putObject("field_choices").put("email", "secondary");

        Api.Response merged = shop.ok("MergeCustomers", body);

        assertThat(merged.body().at("/customer/email").asText()).isEqualTo("jane.doe@work.example");
        assertThat(merged.body().at("/field_choices/email").asText()).isEqualTo("secondary");
        assertThat(merged.body().at("/field_choices/first_name").asText()).isEqualTo("primary");
        assertThat(merged.body().path("changed_fields").toString()).contains("email", "company", "tags");
    }

    @Test
    void aDryRunReportsTheMergeAndWritesNothing() {
        shop.ok("CreateSale", aSale().paid().by(janeAgain).of(paver, 1).build());
        shop.ok("CreateNote", note(janeAgain, "Hello."));
        Map<String, Long> before = counts();

        Api.Response dry = shop.ok("MergeCustomers", merge(jane, janeAgain).put("dry_run", true));

        assertThat(dry.body().path("dry_run").asBoolean()).isTrue();
        assertThat(dry.body().path("merge_id").isNull()).isTrue();
        assertThat(moved(dry)).containsEntry("sale", 1L).containsEntry("note", 1L);
        assertThat(dry.body().at("/customer/company").asText()).isEqualTo("Doe Widgets");
        assertThat(counts()).isEqualTo(before);
        assertThat(shop.ok("GetCustomer", customer(janeAgain)).body().at("/customer/customer_id").asText()).isEqualTo(janeAgain);
        assertThat(shop.ok("GetCustomer", customer(jane)).body().at("/customer/company").isNull()).isTrue();
    }

    @Test
    void aCustomerCannotMergeWithItselfOrWithAnotherTenantsCustomer() {
        String other = api.newTenant("Globex").createCustomer();

        Api.Response self = shop.call("MergeCustomers", merge(jane, jane));
        Api.Response foreign = shop.call("MergeCustomers", merge(jane, other));

        assertThat(self.status()).isEqualTo(400);
        assertThat(self.body().at("/error/details/0/path").asText()).isEqualTo("/secondary_customer_id");
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.body().at("/error/details/0/path").asText()).isEqualTo("/secondary_customer_id");
    }

    private String group(String name) {
        ObjectNode definition = Json.object().put("name", name).put("enabled", true).put("qualifier_method", "none");
        definition.putObject("qualifiers");
        return shop.ok("CreateCustomerGroup", definition).text("customer_group_id");
    }

    private static ObjectNode merge(String primary, String secondary) {
        return Json.object().put("primary_customer_id", primary).put("secondary_customer_id", secondary);
    }

    private static Map<String, Long> moved(Api.Response r) {
        return r.body().path("moved").properties().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().asLong()));
    }

    private static Map<String, String> metadata(JsonNode profile) {
        return java.util.stream.StreamSupport.stream(profile.path("metadata").spliterator(), false)
                .collect(Collectors.toMap(m -> m.path("name").asText(), m -> m.path("value").asText()));
    }

    private long saleEvents() {
        return rows.events().stream().filter(e -> e.notation().startsWith("sale.") || e.notation().startsWith("refund.")).count();
    }

    private Map<String, Long> counts() {
        return List.of("customer", "sale", "note", "metadata", "event", "audit_log", "customer_merge_log", "lifetime_value")
                .stream().collect(Collectors.toMap(t -> t, rows::count));
    }
}
