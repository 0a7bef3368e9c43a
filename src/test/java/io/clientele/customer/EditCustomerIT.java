package io.clientele.customer;

import static io.clientele.testing.CustomerBuilder.aCustomer;
import static io.clientele.testing.Nodes.texts;
import static io.clientele.testing.Requests.customer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clientele.platform.Ids;
import io.clientele.testing.Api;
import io.clientele.testing.Requests;
import io.clientele.testing.TenantRows;
import io.clientele.testing.TestServer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** EditCustomer: a field left out stays, an empty string clears, tags are replaced or edited in place. */
class EditCustomerIT {
    private final Api api = TestServer.api();
    private final Api.Tenant acme = api.newTenant("Acme");
    private final TenantRows rows = TenantRows.of(acme);

    private final String jane = acme.createCustomer(aCustomer()
            .named("Jane", "Doe")
            .withEmail("jane@example.com")
            .withPhone("(415) 555-0132")
            .atCompany("Doe Widgets")
            .livingAt("1 Market St", "San Francisco", "94105", "US")
            .tagged("VIP", "wholesale"));

    @Test
    void fieldsLeftOutStayAsTheyAre() {
        JsonNode before = read(jane);

        Api.Response r = acme.ok("EditCustomer", customer(jane).put("company", "Doe & Daughters"));

        assertThat(r.text("result")).isEqualTo("Customer updated.");
        assertThat(texts(r.body().path("changed_fields"))).containsExactly("company");
        JsonNode after = read(jane);
        assertThat(after.path("company").asText()).isEqualTo("Doe & Daughters");
        for (String unchanged : List.of("first_name", "last_name", "email", "phone", "phone_e164", "address", "tags",
                "status", "lifecycle_stage", "created_at")) {
            assertThat(after.path(unchanged)).as(unchanged).isEqualTo(before.path(unchanged));
        }
        assertThat(r.body().path("customer")).isEqualTo(after);
    }

    @Test
    void emptyStringClearsAField() {
        acme.ok("EditCustomer", customer(jane).put("last_name", "").put("company", ""));

        JsonNode after = read(jane);
        assertThat(after.path("last_name").isNull()).isTrue();
        assertThat(after.path("company").isNull()).isTrue();
        assertThat(after.path("first_name").asText()).isEqualTo("Jane");
    }

    @Test
    void addressChangesOnlyInThePartsSent() {
        ObjectNode change = customer(jane);
        change.putObject("address").put("city", "").put("line2", "Suite 200");

        acme.ok("EditCustomer", change);

        JsonNode address = read(jane).path("address");
        assertThat(address.path("line1").asText()).isEqualTo("1 Market St");
        assertThat(address.path("line2").asText()).isEqualTo("Suite 200");
        assertThat(address.path("city").isNull()).isTrue();
        assertThat(address.path("country").asText()).isEqualTo("US");
    }

    @Test
    void tagsReplaceTheWholeList() {
        ObjectNode change = customer(jane);
        change.putArray("tags").add("newsletter").add(" newsletter ").add("b2b");

        acme.ok("EditCustomer", change);

        assertThat(texts(read(jane).path("tags"))).containsExactly("newsletter", "b2b");
    }

    @Test
    void addTagsAndRemoveTagsEditTheListInPlace() {
        ObjectNode change = customer(jane);
        change.putArray("add_tags").add("newsletter").add("VIP");
        change.putArray("remove_tags").add("wholesale").add("never-had-it");

        Api.Response r = acme.ok("EditCustomer", change);

        assertThat(texts(r.body().path("changed_fields"))).containsExactly("tags");
        assertThat(texts(read(jane).path("tags"))).containsExactly("VIP", "newsletter");
    }

    @Test
    void editThatChangesNothingEmitsNoEventAndSaysSo() {
        int eventsBefore = rows.eventsOf(jane).size();
        int auditBefore = rows.auditRows().size();
        JsonNode before = read(jane);
        ObjectNode sameValues = customer(jane).put("first_name", "Jane").put("company", "Doe Widgets");
        sameValues.putArray("add_tags").add("VIP");
        sameValues.putObject("address").put("country", "us");

        Api.Response r = acme.ok("EditCustomer", sameValues);

        assertThat(r.text("result")).isEqualTo("Nothing to change: the customer already had these values.");
        assertThat(r.body().path("changed_fields").size()).isZero();
        assertThat(rows.eventsOf(jane)).hasSize(eventsBefore);
        assertThat(rows.auditRows()).hasSize(auditBefore);
        assertThat(read(jane).path("updated_at")).isEqualTo(before.path("updated_at"));
    }

    @Test
    void editListsEveryChangedFieldAndMovesUpdatedAt() {
        JsonNode before = read(jane);

        Api.Response r = acme.ok("EditCustomer", customer(jane).put("status", "blocked").put("lifecycle_stage", "churned")
                .put("email", "jane.doe@example.com"));

        assertThat(texts(r.body().path("changed_fields"))).containsExactlyInAnyOrder("status", "lifecycle_stage", "email");
        JsonNode after = read(jane);
        assertThat(after.path("updated_at").asText()).isGreaterThan(before.path("updated_at").asText());
        assertThat(after.path("created_at")).isEqualTo(before.path("created_at"));
    }

    @Test
    void changingTheCountryReReadsTheNationalPhone() {
        String pat = acme.createCustomer(aCustomer().withPhone("020 7946 0958"));
        assertThat(read(pat).path("phone_e164").isNull()).isTrue();

        ObjectNode change = customer(pat);
        change.putObject("address").put("country", "GB");
        acme.ok("EditCustomer", change);

        assertThat(read(pat).path("phone_e164").asText()).isEqualTo("+442079460958");
    }

    @Test
    void clearingThePhoneClearsItsE164Form() {
        acme.ok("EditCustomer", customer(jane).put("phone", ""));

        JsonNode after = read(jane);
        assertThat(after.path("phone").isNull()).isTrue();
        assertThat(after.path("phone_e164").isNull()).isTrue();
    }

    @Test
    void rejectedEditChangesNothing() {
        JsonNode before = read(jane);

        Api.Response r = acme.call("EditCustomer", customer(jane).put("first_name", "Janet").put("email", "not-an-email"));

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body().at("/error/details/0/path").asText()).isEqualTo("/email");
        assertThat(read(jane)).isEqualTo(before);
    }

    @Test
    void editingAnUnknownCustomerIsNotFound() {
        Api.Response r = acme.call("EditCustomer", customer(Ids.newId()).put("first_name", "Ghost"));

        assertThat(r.status()).isEqualTo(404);
        assertThat(r.errorType()).isEqualTo("not_found");
    }

    private JsonNode read(String customerId) {
        return acme.ok("GetCustomer", Requests.customer(customerId)).body().path("customer");
    }

    @Test
    void campaignIdMustBeARealIdOrEmptyToClear() {
        String jane = acme.createCustomer(aCustomer().build().put("campaign_id", Ids.newId()));

        Api.Response bad = acme.call("EditCustomer", customer(jane).put("campaign_id", "abc"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body().at("/error/details/0/path").asText()).isEqualTo("/campaign_id");

        Api.Response cleared = acme.ok("EditCustomer", customer(jane).put("campaign_id", ""));
        assertThat(cleared.body().at("/customer/campaign_id").isNull()).isTrue();
    }
}
