package io.clientele.customer;

import static io.clientele.testing.Nodes.fieldNames;
import static io.clientele.testing.Requests.customer;
import static io.clientele.testing.Requests.list;
import static io.clientele.testing.Requests.note;
import static io.clientele.testing.Requests.setMetadata;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.clientele.testing.Api;
import io.clientele.testing.TestServer;
import org.junit.jupiter.api.Test;

/** GetCustomer as the support profile: the customer, then every section unless left out. */
class CustomerProfileIT {
    private final Api api = TestServer.api();
    private final Api.Tenant acme = api.newTenant("Acme");

    @Test
    void profileHoldsMetadataAndTheNotesCountWithTheFiveNewestNotes() {
        String jane = acme.createCustomer();
        acme.ok("InsertMetadata", setMetadata(jane, "tier", "gold"));
        for (int i = 1; i <= 7; i++) acme.ok("CreateNote", note(jane, "note " + i));

        JsonNode profile = acme.ok("GetCustomer", customer(jane)).body();

        assertThat(profile.at("/customer/customer_id").asText()).isEqualTo(jane);
        assertThat(profile.at("/metadata/0/name").asText()).isEqualTo("tier");
        assertThat(profile.at("/notes/count").asLong()).isEqualTo(7);
        assertThat(profile.at("/notes/latest").findValuesAsText("text"))
                .containsExactly("note 7", "note 6", "note 5", "note 4", "note 3");
    }

    @Test
    void sectionsNamedInLeaveOutAreNotAnswered() {
        String jane = acme.createCustomer();
        acme.ok("CreateNote", note(jane, "hello"));

        JsonNode lean = acme.ok("GetCustomer", customer(jane).set("leave_out", list("notes", "metadata"))).body();
        JsonNode noNotes = acme.ok("GetCustomer", customer(jane).set("leave_out", list("notes"))).body();

        assertThat(fieldNames(lean)).contains("customer").doesNotContain("notes", "metadata");
        assertThat(fieldNames(noNotes)).contains("customer", "metadata").doesNotContain("notes");
    }

    @Test
    void anUnknownSectionIsAValidationErrorThatNamesTheSections() {
        String jane = acme.createCustomer();

        Api.Response r = acme.call("GetCustomer", customer(jane).set("leave_out", list("sales_history")));

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body().at("/error/details/0/path").asText()).isEqualTo("/leave_out/0");
        assertThat(r.body().at("/error/details/0/message").asText()).contains("metadata", "notes");
    }

    @Test
    void theOperationListsItsSectionsForCallers() {
        JsonNode getCustomer = null;
        for (JsonNode op : api.get("/v1/ops").body().path("operations")) {
            if (op.path("name").asText().equals("GetCustomer")) getCustomer = op;
        }

        assertThat(getCustomer).isNotNull();
        assertThat(getCustomer.path("description").asText()).contains("metadata, notes");
        assertThat(fieldNames(getCustomer.at("/output_schema/properties"))).contains("customer", "metadata", "notes");
    }
}
