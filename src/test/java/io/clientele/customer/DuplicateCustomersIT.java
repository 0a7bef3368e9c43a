package io.clientele.customer;

import static io.clientele.testing.CustomerBuilder.aCustomer;
import static io.clientele.testing.Requests.customer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clientele.platform.Json;
import io.clientele.testing.Api;
import io.clientele.testing.CustomerBuilder;
import io.clientele.testing.TenantRows;
import io.clientele.testing.TestServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Duplicate detection: confidence per key, combined evidence, the blocklist, find-or-create and the tenant report. */
class DuplicateCustomersIT {
    private final Api api = TestServer.api();
    private final Api.Tenant acme = api.newTenant("Acme");
    private final TenantRows rows = TenantRows.of(acme);

    @Test
    void theSameEmailIsCertainWhateverItsCase() {
        String john = acme.createCustomer(aCustomer().named("John", "Smith").withEmail("john@example.com"));

        JsonNode candidates = find(aCustomer().withEmail("  JOHN@Example.com "));

        assertThat(ids(candidates)).containsExactly(john);
        assertThat(candidates.get(0).path("confidence").asInt()).isEqualTo(100);
        assertThat(keys(candidates.get(0))).containsExactly("email");
    }

    @Test
    void theSamePhoneInAnotherFormatIsNinety() {
        String john = acme.createCustomer(aCustomer().named("John", "Smith").withPhone("(415) 555-0132").livingIn("US"));

        JsonNode candidates = find(aCustomer().withPhone("+1 415 555 0132"));

        assertThat(ids(candidates)).containsExactly(john);
        assertThat(candidates.get(0).path("confidence").asInt()).isEqualTo(90);
        assertThat(keys(candidates.get(0))).containsExactly("phone");
    }

    @Test
    void aSimilarNameIsSeventyOrMoreAndMoreEvidenceRaisesConfidence() {
        String john = acme.createCustomer(aCustomer().named("John", "Smith").withPhone("(415) 555-0132")
                .livingAt("1 Market St", "San Francisco", "94105", "US"));

        JsonNode byName = find(aCustomer().named("Jon", "Smith"));
        JsonNode byNameAndZip = find(aCustomer().named("Jon", "Smith").livingAt("9 Other St", "San Francisco", "94105", "US"));
        JsonNode byNameAndPhone = find(aCustomer().named("John", "Smith").withPhone("+14155550132"));

        assertThat(ids(byName)).containsExactly(john);
        int nameOnly = byName.get(0).path("confidence").asInt();
        assertThat(nameOnly).isBetween(70, 90);
        assertThat(keys(byName.get(0))).containsExactly("name");
        assertThat(byNameAndZip.get(0).path("confidence").asInt()).isGreaterThan(nameOnly);
        assertThat(keys(byNameAndZip.get(0))).containsExactly("name", "address");
        assertThat(byNameAndPhone.get(0).path("confidence").asInt()).isGreaterThanOrEqualTo(97);
        assertThat(keys(byNameAndPhone.get(0))).containsExactly("phone", "name");
    }

    @Test
    void anExistingCustomersDuplicatesLeaveItselfOutAndOtherTenantsNeverMatch() {
        String john = acme.createCustomer(aCustomer().named("John", "Smith").withEmail("john@example.com"));
        String again = acme.createCustomer(aCustomer().named("Johnny", "Smith").withEmail("john@example.com"));
        api.newTenant("Globex").createCustomer(aCustomer().named("John", "Smith").withEmail("john@example.com"));

        JsonNode candidates = acme.ok("FindDuplicateCustomers", customer(john)).body().path("candidates");

        assertThat(ids(candidates)).containsExactly(again);
    }

    @Test
    void eitherACustomerOrContactFieldsMustBeSent() {
        String john = acme.createCustomer(aCustomer().named("John", "Smith"));

        Api.Response neither = acme.call("FindDuplicateCustomers", Json.object());
        Api.Response both = acme.call("FindDuplicateCustomers", customer(john).put("email", "john@example.com"));

        assertThat(neither.status()).isEqualTo(400);
        assertThat(both.status()).isEqualTo(400);
        assertThat(both.body().at("/error/details/0/path").asText()).isEqualTo("/customer_id");
    }

    @Test
    void aBlocklistedJunkValueNeverMatches() {
        acme.createCustomer(aCustomer().named("Ann", "One").withEmail("test@test.com"));
        acme.createCustomer(aCustomer().named("Bob", "Two").withEmail("test@test.com"));

        Api.Response blocked = acme.ok("AddMatchBlocklistEntry", Json.object().put("kind", "email").put("value", "TEST@test.com"));
        JsonNode whileBlocked = find(aCustomer().withEmail("test@test.com"));
        JsonNode reportWhileBlocked = acme.ok("GetDuplicateCustomerReport", Json.object()).body().path("pairs");
        JsonNode list = acme.ok("GetMatchBlocklist", Json.object()).body().path("entries");
        acme.ok("RemoveMatchBlocklistEntry", Json.object().put("kind", "email").put("value", "test@test.com"));
        JsonNode afterUnblock = find(aCustomer().withEmail("test@test.com"));

        assertThat(blocked.body().path("value").asText()).isEqualTo("test@test.com");
        assertThat(whileBlocked).isEmpty();
        assertThat(reportWhileBlocked).isEmpty();
        assertThat(list.findValuesAsText("value")).containsExactly("test@test.com");
        assertThat(afterUnblock).hasSize(2);
    }

    @Test
    void findOrCreateReusesTheCustomerWithTheSameEmailAndWritesNothing() {
        String john = acme.createCustomer(aCustomer().named("John", "Smith").withEmail("john@example.com"));
        long events = rows.count("event");

        Api.Response again = acme.ok("CreateCustomer", aCustomer().named("John", "S.").withEmail("John@example.com").build()
                .put("match", "find_or_create"));

        assertThat(again.text("customer_id")).isEqualTo(john);
        assertThat(again.body().path("created").asBoolean()).isFalse();
        assertThat(rows.count("customer")).isEqualTo(1);
        assertThat(rows.count("event")).isEqualTo(events);
    }

    @Test
    void findOrCreateReusesTheSameEmailThoughANamesakeWithoutEmailMatchesTheNameToo() {
        acme.createCustomer(aCustomer().named("John", "Smith").withoutEmail());
        String john = acme.createCustomer(aCustomer().named("John", "Smith").withEmail("john@example.com"));

        Api.Response again = acme.ok("CreateCustomer", aCustomer().named("John", "Smith").withEmail("john@example.com").build()
                .put("match", "find_or_create"));

        assertThat(again.text("customer_id")).isEqualTo(john);
        assertThat(again.body().path("created").asBoolean()).isFalse();
    }

    @Test
    void findOrCreateReusesTheSamePhoneOnlyWhenNoEmailIsSent() {
        String john = acme.createCustomer(aCustomer().named("John", "Smith").withPhone("+1 415 555 0132"));

        Api.Response noEmail = acme.ok("CreateCustomer", aCustomer().withoutEmail().withPhone("(415) 555-0132").livingIn("US").build()
                .put("match", "find_or_create"));
        Api.Response otherEmail = acme.ok("CreateCustomer", aCustomer().withEmail("someone@example.com")
                .withPhone("(415) 555-0132").livingIn("US").build().put("match", "find_or_create"));

        assertThat(noEmail.text("customer_id")).isEqualTo(john);
        assertThat(otherEmail.body().path("created").asBoolean()).isTrue();
        assertThat(otherEmail.body().at("/suggested_duplicates/0/customer_id").asText()).as("%s", otherEmail.body()).isEqualTo(john);
        assertThat(otherEmail.body().at("/suggested_duplicates/0/confidence").asInt()).isEqualTo(90);
    }

    @Test
    void aWeakerMatchCreatesTheCustomerAndTheReportListsTheSuggestion() {
        String john = acme.createCustomer(aCustomer().named("John", "Smith"));
        String twin1 = acme.createCustomer(aCustomer().named("Ann", "Twin").withEmail("twin@example.com"));
        String twin2 = acme.createCustomer(aCustomer().named("Bea", "Twin").withEmail("twin@example.com"));

        Api.Response jon = acme.ok("CreateCustomer", aCustomer().named("Jon", "Smith").build().put("match", "find_or_create"));
        JsonNode pairs = acme.ok("GetDuplicateCustomerReport", Json.object().put("min_confidence", 70)).body().path("pairs");

        assertThat(jon.body().path("created").asBoolean()).isTrue();
        assertThat(jon.body().at("/suggested_duplicates/0/customer_id").asText()).isEqualTo(john);
        assertThat(pairs).hasSize(2);
        assertThat(pairs.get(0).path("confidence").asInt()).isEqualTo(100);
        assertThat(List.of(pairs.get(0).path("customer_id").asText(), pairs.get(0).path("duplicate_customer_id").asText()))
                .containsExactlyInAnyOrder(twin1, twin2);
        assertThat(List.of(pairs.get(1).path("customer_id").asText(), pairs.get(1).path("duplicate_customer_id").asText()))
                .containsExactlyInAnyOrder(john, jon.text("customer_id"));
        assertThat(pairs.get(1).path("matched_keys").get(0).asText()).isEqualTo("name");
    }

    @Test
    void aSaleThatCreatesItsCustomerFromContactDetailsRecordsTheLikelyDuplicate() {
        String john = acme.createCustomer(aCustomer().named("John", "Smith").withPhone("+1 415 555 0132"));
        String product = io.clientele.testing.SaleBuilder.product(acme, "10.00");

        Api.Response sale = acme.ok("CreateSale", io.clientele.testing.SaleBuilder.aSale().paid()
                .byContact(aCustomer().named("John", "Smith").withEmail("jsmith@new.example").withPhone("(415) 555-0132")
                        .livingIn("US"))
                .of(product, 1).build());
        JsonNode pairs = acme.ok("GetDuplicateCustomerReport", Json.object()).body().path("pairs");

        String created = sale.text("customer_id");
        assertThat(created).isNotEqualTo(john);
        assertThat(pairs).hasSize(1);
        assertThat(List.of(pairs.get(0).path("customer_id").asText(), pairs.get(0).path("duplicate_customer_id").asText()))
                .containsExactlyInAnyOrder(john, created);
        assertThat(pairs.get(0).path("confidence").asInt()).isEqualTo(99); // phone 90, the same name 90: 1 - 0.1 * 0.1
    }

    private JsonNode find(CustomerBuilder person) {
        ObjectNode body = person.build();
        return acme.ok("FindDuplicateCustomers", body).body().path("candidates");
    }

    private static List<String> ids(JsonNode candidates) {
        List<String> out = new ArrayList<>();
        candidates.forEach(c -> out.add(c.path("customer_id").asText()));
        return out;
    }

    private static List<String> keys(JsonNode candidate) {
        List<String> out = new ArrayList<>();
        candidate.path("matched_keys").forEach(k -> out.add(k.asText()));
        return out;
    }
}
