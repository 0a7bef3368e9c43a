package io.clientele.customer;

import static io.clientele.testing.CustomerBuilder.aCustomer;
import static io.clientele.testing.Requests.customer;
import static io.clientele.testing.Requests.setMetadata;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clientele.platform.Json;
import io.clientele.testing.Api;
import io.clientele.testing.TestServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** SearchCustomers: one term over names, email, phone, company, internal id, address and metadata, typo-tolerant. */
class SearchCustomersIT {
    private final Api api = TestServer.api();
    private final Api.Tenant acme = api.newTenant("Acme");
    private String john;
    private String jane;
    private String marta;
    private String london;

    @BeforeEach
    void someCustomers() {
        john = acme.createCustomer(aCustomer().named("John", "Smith").withEmail("john.smith@example.com")
                .withPhone("(415) 555-0132").livingAt("1 Market St", "San Francisco", "94105", "US"));
        jane = acme.createCustomer(aCustomer().named("Jane", "Doe").withEmail("jane.doe@gmail.com")
                .atCompany("Doe Widgets").knownInternallyAs("crm-4711"));
        marta = acme.createCustomer(aCustomer().named("Marta", "Müller").withEmail("marta@example.de").livingIn("DE"));
        london = acme.createCustomer(aCustomer().named("Oliver", "Twist").withPhone("020 7946 0958").livingIn("GB"));
        acme.createCustomer(aCustomer().named("Johanna", "Schmidt").withEmail("johanna@example.com"));
    }

    @Test
    void aMisspelledNameStillFindsTheCustomerFirst() {
        JsonNode found = search("Jonh Smtih");

        assertThat(ids(found).getFirst()).isEqualTo(john);
        assertThat(fields(found.get(0))).contains("name");
        assertThat(found.get(0).path("details_url").asText()).isEqualTo("clientele://customers/" + john);
    }

    @Test
    void aMisspelledEmailLocalPartFindsTheCustomer() {
        assertThat(ids(search("jane.deo")).getFirst()).isEqualTo(jane);
    }

    @Test
    void anExactEmailScoresOneAndNamesTheEmail() {
        JsonNode found = search("John.Smith@Example.com");

        assertThat(ids(found).getFirst()).isEqualTo(john);
        assertThat(found.get(0).path("score").decimalValue()).isEqualByComparingTo("1");
        assertThat(found.get(0).path("highlights")).anySatisfy(h -> {
            assertThat(h.path("field").asText()).isEqualTo("email");
            assertThat(h.path("value").asText()).isEqualTo("john.smith@example.com");
        });
    }

    @Test
    void aPhoneIsFoundInAnyFormat() {
        for (String typed : List.of("(415) 555-0132", "4155550132", "+1 415 555 0132", "415.555.0132")) {
            assertThat(ids(search(typed))).as(typed).containsExactly(john);
        }
        for (String typed : List.of("020 7946 0958", "+44 20 7946 0958", "0044 20 7946 0958")) {
            assertThat(ids(search(typed))).as(typed).containsExactly(london);
        }
        // A term without words has no sound, so a name is never called a match for it.
        assertThat(fields(search("415.555.0132").get(0))).containsExactly("phone");
    }

    @Test
    void anInternalIdOfDigitsIsFoundExactlyThoughItLooksLikeAPhone() {
        String shop = acme.createCustomer(aCustomer().named("Ida", "Digits").knownInternallyAs("70012345"));

        JsonNode found = search("70012345");

        assertThat(ids(found)).containsExactly(shop);
        assertThat(found.get(0).path("score").decimalValue()).isEqualByComparingTo("1");
    }

    @Test
    void companyInternalIdAddressAndAccentsAreSearched() {
        assertThat(ids(search("doe widgets")).getFirst()).isEqualTo(jane);
        JsonNode byInternalId = search("crm-4711");
        assertThat(ids(byInternalId).getFirst()).isEqualTo(jane);
        assertThat(byInternalId.get(0).path("score").decimalValue()).isEqualByComparingTo("1");
        assertThat(ids(search("San Francisco")).getFirst()).isEqualTo(john);
        assertThat(ids(search("94105"))).contains(john);
        assertThat(ids(search("muller")).getFirst()).isEqualTo(marta);
    }

    @Test
    void aMetadataValueFindsItsCustomerAndIsHighlighted() {
        acme.ok("InsertMetadata", setMetadata(marta, "affiliate_id", "AFF-99114"));

        JsonNode found = search("AFF-99114");

        assertThat(ids(found).getFirst()).isEqualTo(marta);
        assertThat(found.get(0).path("highlights").findValuesAsText("value")).contains("affiliate_id: AFF-99114");
        assertThat(found.get(0).at("/metadata/0/name").asText()).isEqualTo("affiliate_id");
    }

    @Test
    void anIdentifierInMetadataIsFoundExactlyOrWithATypoAndNeverByTheDigitsItSharesWithOthers() {
        acme.ok("InsertMetadata", setMetadata(marta, "loyalty_number", "LY-64196286"));
        acme.ok("InsertMetadata", setMetadata(john, "loyalty_number", "LY-64196287"));

        JsonNode exact = search("ly-64196286");
        JsonNode typo = search("LY-6419628");

        assertThat(ids(exact)).containsExactly(marta);
        assertThat(exact.get(0).path("highlights").findValuesAsText("value")).contains("loyalty_number: LY-64196286");
        assertThat(ids(typo)).contains(marta, john);
    }

    @Test
    void deletedCustomersAndOtherTenantsCustomersNeverAppear() {
        Api.Tenant globex = api.newTenant("Globex");
        String otherJohn = globex.createCustomer(aCustomer().named("John", "Smith").withEmail("john.smith@example.com"));
        acme.ok("DeleteCustomer", customer(jane));

        assertThat(ids(search("Jane Doe"))).doesNotContain(jane);
        assertThat(ids(search("crm-4711"))).isEmpty();
        assertThat(ids(search("John Smith"))).contains(john).doesNotContain(otherJohn);
        assertThat(ids(globex.ok("SearchCustomers", term("John Smith")).body().path("customers"))).containsExactly(otherJohn);
    }

    @Test
    void filtersNarrowTheResults() {
        String blockedJohn = acme.createCustomer(aCustomer().named("John", "Smith").withStatus("blocked").inStage("lead"));

        assertThat(ids(search(term("John Smith").put("status", "blocked")))).containsExactly(blockedJohn);
        assertThat(ids(search(term("John Smith").put("lifecycle_stage", "customer")))).contains(john).doesNotContain(blockedJohn);
    }

    @Test
    void aFilterAppliesBeforeTheCandidateLimitSoANarrowGroupFindsItsMemberAmongManyNamesakes() {
        ObjectNode batch = io.clientele.platform.Json.object();
        var list = batch.putArray("customers");
        for (int i = 0; i < 150; i++) list.add(aCustomer().named("Johnny", "Namesake").build());
        List<String> namesakes = io.clientele.testing.Nodes.texts(acme.ok("CreateCustomers", batch).body().path("customer_ids"));
        String member = namesakes.get(149);
        String group = acme.ok("CreateCustomerGroup", io.clientele.platform.Json.object().put("name", "Picked").put("qualifier_method", "none"))
                .text("customer_group_id");
        acme.ok("AddCustomerToGroup", io.clientele.platform.Json.object().put("customer_group_id", group).put("customer_id", member));

        assertThat(ids(search(term("Johnny Namesake").put("customer_group_id", group)))).containsExactly(member);
    }

    @Test
    void aGroupNarrowsTheResultsToItsMembers() {
        String blockedJohn = acme.createCustomer(aCustomer().named("John", "Smith").withStatus("blocked"));
        String vip = acme.ok("CreateCustomerGroup", io.clientele.platform.Json.object().put("name", "VIP").put("qualifier_method", "none"))
                .text("customer_group_id");
        acme.ok("AddCustomerToGroup", io.clientele.platform.Json.object().put("customer_group_id", vip).put("customer_id", blockedJohn));

        assertThat(ids(search(term("John Smith").put("customer_group_id", vip)))).containsExactly(blockedJohn);
        Api.Response unknown = acme.call("SearchCustomers", term("John Smith").put("customer_group_id", "AAAAAAAAAAAAAAAAAAAA"));
        assertThat(unknown.status()).isEqualTo(404);
        String foreign = api.newTenant("Other").ok("CreateCustomerGroup", io.clientele.platform.Json.object().put("name", "VIP")
                .put("qualifier_method", "none")).text("customer_group_id");
        assertThat(acme.call("SearchCustomers", term("John Smith").put("customer_group_id", foreign)).status()).isEqualTo(404);
    }

    @Test
    void resultsArePagedWithTheCursor() {
        for (int i = 0; i < 5; i++) acme.createCustomer(aCustomer().named("Paula", "Pager" + i));

        JsonNode first = acme.ok("SearchCustomers", term("Paula Pager").put("limit", 3)).body();
        JsonNode second = acme.ok("SearchCustomers", term("Paula Pager").put("limit", 3)
                .put("cursor", first.path("next_cursor").asText())).body();

        List<String> all = new ArrayList<>(ids(first.path("customers")));
        all.addAll(ids(second.path("customers")));
        assertThat(all).hasSize(5).doesNotHaveDuplicates();
        assertThat(second.path("next_cursor").isNull()).isTrue();
    }

    @Test
    void nothingToSearchForOrAForgedCursorIsAValidationError() {
        Api.Response blank = acme.call("SearchCustomers", term("   "));
        Api.Response forged = acme.call("SearchCustomers", term("john").put("cursor", "abc"));

        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.body().at("/error/details/0/path").asText()).isEqualTo("/search_term");
        assertThat(forged.status()).isEqualTo(400);
        assertThat(forged.body().at("/error/details/0/path").asText()).isEqualTo("/cursor");
    }

    private JsonNode search(String term) {
        return search(term(term));
    }

    private JsonNode search(ObjectNode input) {
        return acme.ok("SearchCustomers", input).body().path("customers");
    }

    private static ObjectNode term(String term) {
        return Json.object().put("search_term", term);
    }

    private static List<String> ids(JsonNode customers) {
        List<String> out = new ArrayList<>();
        customers.forEach(c -> out.add(c.path("customer_id").asText()));
        return out;
    }

    private static List<String> fields(JsonNode result) {
        return result.path("highlights").findValuesAsText("field");
    }
}
