package io.clientele.customer;

import static io.clientele.testing.CustomerBuilder.aCustomer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clientele.platform.Json;
import io.clientele.testing.Api;
import io.clientele.testing.TestServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** GetDuplicateCustomerReport's pairs by name: similar names that sound alike, with the matcher's weights. */
class DuplicateReportNamePairsIT {
    private final Api api = TestServer.api();
    private final Api.Tenant acme = api.newTenant("Acme");

    @Test
    void similarNamesAreLikelyDuplicatesWithTheMatchersConfidence() {
        String john = acme.createCustomer(aCustomer().named("John", "Smith"));
        String jon = acme.createCustomer(aCustomer().named("Jon", "Smith"));
        String anna = acme.createCustomer(aCustomer().named("Anna", "Müller").livingAt("Hauptstr. 1", "Berlin", "10115", "DE"));
        String annaAgain = acme.createCustomer(aCustomer().named("ANNA", "Mueller").livingAt("Hauptstrasse 1", "Berlin", "10115", "DE"));
        acme.createCustomer(aCustomer().named("Mary", "Jones"));
        acme.createCustomer(aCustomer().named("Peter", "Smith"));

        JsonNode pairs = report(Json.object().put("min_confidence", 70)).path("pairs");

        assertThat(pairs).hasSize(2);
        assertThat(pair(pairs, anna, annaAgain).path("matched_keys").toString()).isEqualTo("[\"name\",\"address\"]");
        int annaConfidence = pair(pairs, anna, annaAgain).path("confidence").asInt();
        assertThat(annaConfidence).isBetween(85, 95); // a similar name (70 to 90) and the same zip (50)
        assertThat(pair(pairs, john, jon).path("matched_keys").toString()).isEqualTo("[\"name\"]");
        // The same confidence FindDuplicateCustomers gives Jon for John.
        JsonNode found = acme.ok("FindDuplicateCustomers", Json.object().put("customer_id", jon)).body().path("candidates");
        assertThat(pair(pairs, john, jon).path("confidence").asInt()).isEqualTo(found.get(0).path("confidence").asInt())
                .isBetween(70, 80);
        assertThat(report(Json.object()).path("pairs")).as("default min_confidence 90").isEmpty();
    }

    @Test
    void theSameNameTwiceIsNinetyAndNinetyFiveAtTheSameAddress() {
        String a = acme.createCustomer(aCustomer().named("Olivia", "Brown"));
        String b = acme.createCustomer(aCustomer().named("Olivia", "Brown").livingAt("1 Main St", "Springfield", "62701", "US"));
        String c = acme.createCustomer(aCustomer().named("olivia", "BROWN").livingAt("1 Main St", "Springfield", "62701", "US"));

        JsonNode pairs = report(Json.object()).path("pairs");

        assertThat(pairs).hasSize(3);
        assertThat(pair(pairs, b, c).path("confidence").asInt()).isEqualTo(95);
        assertThat(pair(pairs, a, b).path("confidence").asInt()).isEqualTo(90);
        assertThat(pair(pairs, a, c).path("confidence").asInt()).isEqualTo(90);
    }

    @Test
    void pairsAlreadyListedByAnEmailPhoneOrSuggestionAreNotListedTwice() {
        String a = acme.createCustomer(aCustomer().named("Liam", "Wilson").withEmail("liam@example.com"));
        String b = acme.createCustomer(aCustomer().named("Liam", "Wilson").withEmail("LIAM@example.com"));

        JsonNode pairs = report(Json.object()).path("pairs");

        assertThat(pairs).hasSize(1);
        assertThat(pair(pairs, a, b).path("matched_keys").toString()).isEqualTo("[\"email\"]");
        assertThat(pair(pairs, a, b).path("confidence").asInt()).isEqualTo(100);
    }

    @Test
    void aBlocklistedNameIsNeverEvidence() {
        acme.createCustomer(aCustomer().named("Test", "User"));
        acme.createCustomer(aCustomer().named("Test", "User"));

        acme.ok("AddMatchBlocklistEntry", Json.object().put("kind", "name").put("value", "TEST user"));

        assertThat(report(Json.object().put("min_confidence", 0)).path("pairs")).isEmpty();
    }

    @Test
    void otherTenantsDeletedAndMergedCustomersAreNeverPaired() {
        Api.Tenant globex = api.newTenant("Globex");
        String ours = acme.createCustomer(aCustomer().named("Emma", "Taylor"));
        globex.createCustomer(aCustomer().named("Emma", "Taylor"));
        String deleted = acme.createCustomer(aCustomer().named("Noah", "Davis"));
        acme.createCustomer(aCustomer().named("Noah", "Davis"));
        String secondary = acme.createCustomer(aCustomer().named("Ava", "Moore"));
        String primary = acme.createCustomer(aCustomer().named("Ava", "Moore"));
        assertThat(report(Json.object()).path("pairs")).hasSize(2);

        acme.ok("DeleteCustomer", Json.object().put("customer_id", deleted));
        acme.ok("MergeCustomers", Json.object().put("primary_customer_id", primary).put("secondary_customer_id", secondary));

        assertThat(report(Json.object()).path("pairs")).isEmpty();
        assertThat(globex.ok("GetDuplicateCustomerReport", Json.object()).body().path("pairs")).isEmpty();
        assertThat(ours).isNotNull();
    }

    @Test
    void theReportPagesThroughKeyedPairsThenNamePairsWithoutRepeatingOne() {
        String shared = "sam@example.com";
        acme.createCustomer(aCustomer().named("Sam", "One").withEmail(shared));
        acme.createCustomer(aCustomer().named("Sue", "Two").withEmail(shared));
        for (int i = 0; i < 4; i++) acme.createCustomer(aCustomer().named("James", "Miller"));
        for (int i = 0; i < 3; i++) acme.createCustomer(aCustomer().named("Sophia", "Garcia"));

        List<String> seen = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        String cursor = null;
        do {
            ObjectNode input = Json.object().put("limit", 4);
            if (cursor != null) input.put("cursor", cursor);
            JsonNode page = report(input);
            pageSizes.add(page.path("pairs").size());
            for (JsonNode p : page.path("pairs")) seen.add(p.path("customer_id").asText() + "/" + p.path("duplicate_customer_id").asText());
            cursor = page.path("next_cursor").isNull() ? null : page.path("next_cursor").asText();
        } while (cursor != null && pageSizes.size() < 10);

        assertThat(seen).hasSize(1 + 6 + 3).doesNotHaveDuplicates(); // the email pair, then 4 Millers (6 pairs), 3 Garcias (3)
        assertThat(pageSizes).containsExactly(4, 4, 2);
        Api.Response bad = acme.call("GetDuplicateCustomerReport", Json.object().put("cursor", "n;drop table"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body().at("/error/details/0/path").asText()).isEqualTo("/cursor");
    }

    private JsonNode report(ObjectNode input) {
        return acme.ok("GetDuplicateCustomerReport", input).body();
    }

    private static JsonNode pair(JsonNode pairs, String a, String b) {
        for (JsonNode p : pairs) {
            List<String> ids = List.of(p.path("customer_id").asText(), p.path("duplicate_customer_id").asText());
            if (ids.contains(a) && ids.contains(b)) return p;
        }
        throw new AssertionError("no pair of " + a + " and " + b + " in " + pairs);
    }
}
