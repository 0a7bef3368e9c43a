package io.clientele.customer;

import static io.clientele.testing.Nodes.fieldNames;
import static io.clientele.testing.Nodes.texts;
import static io.clientele.testing.Requests.customer;
import static io.clientele.testing.Requests.item;
import static io.clientele.testing.Requests.removeMetadata;
import static io.clientele.testing.Requests.setMetadata;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.clientele.platform.Ids;
import io.clientele.testing.Api;
import io.clientele.testing.TenantRows;
import io.clientele.testing.TestServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Metadata: upsert by name, one event per real change, removal with warnings, and the size limits. */
class MetadataIT {
    private final Api api = TestServer.api();
    private final Api.Tenant acme = api.newTenant("Acme");
    private final TenantRows rows = TenantRows.of(acme);
    private final String jane = acme.createCustomer();

    @Test
    void newNamesAreInsertedAndKnownNamesUpdatedInPlace() {
        acme.ok("InsertMetadata", setMetadata(jane, "tier", "gold", "affiliate_id", "aff_123"));

        Api.Response r = acme.ok("InsertMetadata", setMetadata(jane, "tier", "platinum"));

        assertThat(r.text("result")).isEqualTo("Metadata set (1 changed).");
        assertThat(texts(r.body().path("metadata"), "name")).containsExactly("affiliate_id", "tier");
        assertThat(texts(r.body().path("metadata"), "value")).containsExactly("aff_123", "platinum");
        assertThat(notationsOf(jane)).containsExactly("customer.created", "metadata.inserted", "metadata.inserted",
                "metadata.updated");
        JsonNode update = rows.eventsOf(jane).getLast().payload();
        assertThat(update.path("name").asText()).isEqualTo("tier");
        assertThat(update.path("value").asText()).isEqualTo("platinum");
        assertThat(update.path("previous_value").asText()).isEqualTo("gold");
    }

    @Test
    void settingTheSameValueAgainEmitsNothing() {
        acme.ok("InsertMetadata", setMetadata(jane, "tier", "gold"));
        int events = rows.eventsOf(jane).size();

        Api.Response r = acme.ok("InsertMetadata", setMetadata(jane, "tier", "gold"));

        assertThat(r.text("result")).isEqualTo("Metadata unchanged: the item already had these values.");
        assertThat(rows.eventsOf(jane)).hasSize(events);
    }

    @Test
    void getMetadataAndGetCustomerShowTheItemsPairsByName() {
        acme.ok("InsertMetadata", setMetadata(jane, "zeta", "last", "alpha", "first"));

        JsonNode viaMetadata = acme.ok("GetMetadata", item(jane)).body();
        JsonNode viaCustomer = acme.ok("GetCustomer", customer(jane)).body();

        assertThat(texts(viaMetadata.path("metadata"), "name")).containsExactly("alpha", "zeta");
        assertThat(viaMetadata.path("item_id").asText()).isEqualTo(jane);
        assertThat(viaCustomer.path("metadata")).isEqualTo(viaMetadata.path("metadata"));
        assertThat(fieldNames(viaMetadata.path("metadata").get(0))).containsExactly("name", "value", "updated_at");
    }

    @Test
    void deleteMetadataRemovesKnownNamesAndWarnsAboutUnknownOnes() {
        acme.ok("InsertMetadata", setMetadata(jane, "tier", "gold", "affiliate_id", "aff_123"));

        Api.Response r = acme.ok("DeleteMetadata", removeMetadata(jane, "tier", "never_set"));

        assertThat(texts(r.body().path("deleted"))).containsExactly("tier");
        assertThat(r.body().path("warnings").size()).isEqualTo(1);
        assertThat(r.body().at("/warnings/0/path").asText()).isEqualTo("/names/1");
        assertThat(r.body().at("/warnings/0/message").asText()).contains("never_set");
        assertThat(texts(acme.ok("GetMetadata", item(jane)).body().path("metadata"), "name")).containsExactly("affiliate_id");
        assertThat(notationsOf(jane)).endsWith("metadata.deleted");
        JsonNode removal = rows.eventsOf(jane).getLast().payload();
        assertThat(removal.path("name").asText()).isEqualTo("tier");
        assertThat(removal.path("previous_value").asText()).isEqualTo("gold");
    }

    @Test
    void deleteMetadataWithOnlyKnownNamesHasNoWarningsKey() {
        acme.ok("InsertMetadata", setMetadata(jane, "tier", "gold"));

        Api.Response r = acme.ok("DeleteMetadata", removeMetadata(jane, "tier"));

        assertThat(r.body().has("warnings")).isFalse();
    }

    @Test
    void nameOfAHundredCharactersFitsButOneMoreIsRejected() {
        assertThat(acme.call("InsertMetadata", setMetadata(jane, "n".repeat(100), "v")).ok()).isTrue();

        Api.Response r = acme.call("InsertMetadata", setMetadata(jane, "n".repeat(101), "v"));

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body().at("/error/details/0/path").asText()).isEqualTo("/metadata/0/name");
        assertThat(r.body().at("/error/details/0/message").asText()).isEqualTo("must be at most 100 characters");
    }

    @Test
    void valueOf255CharactersFitsButOneMoreIsRejected() {
        assertThat(acme.call("InsertMetadata", setMetadata(jane, "long", "v".repeat(255))).ok()).isTrue();

        Api.Response r = acme.call("InsertMetadata", setMetadata(jane, "longer", "v".repeat(256)));

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body().at("/error/details/0/path").asText()).isEqualTo("/metadata/0/value");
        assertThat(r.body().at("/error/details/0/message").asText()).isEqualTo("must be at most 255 characters");
    }

    @Test
    void limitsCountCharactersNotBytes() {
        String value = "😀".repeat(255);

        acme.ok("InsertMetadata", setMetadata(jane, "mood", value));

        assertThat(acme.ok("GetMetadata", item(jane)).body().at("/metadata/0/value").asText()).isEqualTo(value);
    }

    @Test
    void sameNameTwiceInOneCallIsRejectedAndNothingIsSet() {
        Api.Response r = acme.call("InsertMetadata", setMetadata(jane, "tier", "gold", "tier", "silver"));

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body().at("/error/details/0/path").asText()).isEqualTo("/metadata/1/name");
        assertThat(acme.ok("GetMetadata", item(jane)).body().path("metadata").size()).isZero();
    }

    @Test
    void emptyListOfPairsIsRejected() {
        Api.Response r = acme.call("InsertMetadata", setMetadata(jane));

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body().at("/error/details/0/path").asText()).isEqualTo("/metadata");
    }

    @Test
    void metadataOnAnUnknownItemIsNotFound() {
        String nobody = Ids.newId();

        for (var call : Map.of("InsertMetadata", setMetadata(nobody, "tier", "gold"),
                "GetMetadata", item(nobody), "DeleteMetadata", removeMetadata(nobody, "tier")).entrySet()) {
            Api.Response r = acme.call(call.getKey(), call.getValue());
            assertThat(r.status()).as(call.getKey()).isEqualTo(404);
            assertThat(r.body().at("/error/details/0/path").asText()).as(call.getKey()).isEqualTo("/item_id");
        }
    }

    private List<String> notationsOf(String customerId) {
        return rows.eventsOf(customerId).stream().map(TenantRows.EventRow::notation).toList();
    }
}
