package io.clientele.customer;

import static io.clientele.testing.CustomerBuilder.aCustomer;
import static io.clientele.testing.Nodes.texts;
import static io.clientele.testing.Requests.customer;
import static io.clientele.testing.Requests.item;
import static io.clientele.testing.Requests.note;
import static io.clientele.testing.Requests.removeMetadata;
import static io.clientele.testing.Requests.setMetadata;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clientele.platform.Ids;
import io.clientele.platform.Json;
import io.clientele.testing.Api;
import io.clientele.testing.TestServer;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Soft delete hides a customer from every read and write; RestoreCustomer brings it back whole. */
class DeleteAndRestoreCustomerIT {
    private final Api api = TestServer.api();
    private final Api.Tenant acme = api.newTenant("Acme");
    private final String jane = acme.createCustomer(aCustomer().named("Jane", "Doe").tagged("VIP"));

    @Test
    void deletedCustomerIsHiddenFromEveryReadAndWriteButRestorable() {
        acme.ok("InsertMetadata", setMetadata(jane, "tier", "gold"));
        acme.ok("CreateNote", note(jane, "Prefers email."));
        JsonNode before = acme.ok("GetCustomer", customer(jane)).body();

        Api.Response deleted = acme.call("DeleteCustomer", customer(jane));
        assertThat(deleted.ok()).isTrue();
        assertThat(deleted.text("customer_id")).isEqualTo(jane);

        Map<String, ObjectNode> everyCallOnIt = Map.of(
                "GetCustomer", customer(jane),
                "EditCustomer", customer(jane).put("first_name", "Janet"),
                "DeleteCustomer", customer(jane),
                "GetCustomerTimeline", customer(jane),
                "GetMetadata", item(jane),
                "InsertMetadata", setMetadata(jane, "tier", "silver"),
                "DeleteMetadata", removeMetadata(jane, "tier"),
                "CreateNote", note(jane, "Anyone there?"),
                "GetNotes", item(jane));
        everyCallOnIt.forEach((operation, input) -> {
            Api.Response r = acme.call(operation, input);
            assertThat(r.status()).as(operation).isEqualTo(404);
            assertThat(r.errorType()).as(operation).isEqualTo("not_found");
        });
        assertThat(texts(acme.ok("GetCustomers", Json.object()).body().path("customers"), "customer_id")).doesNotContain(jane);
        assertThat(texts(acme.ok("GetCustomers", Json.object().put("tag", "VIP")).body().path("customers"), "customer_id")).isEmpty();

        Api.Response restored = acme.call("RestoreCustomer", customer(jane));
        assertThat(restored.ok()).isTrue();
        assertThat(restored.body().path("customer").path("customer_id").asText()).isEqualTo(jane);

        JsonNode after = acme.ok("GetCustomer", customer(jane)).body();
        assertThat(after.path("metadata")).isEqualTo(before.path("metadata"));
        assertThat(without(after.path("customer"), "updated_at")).isEqualTo(without(before.path("customer"), "updated_at"));
        assertThat(texts(acme.ok("GetNotes", item(jane)).body().path("notes"), "text")).containsExactly("Prefers email.");
        assertThat(texts(acme.ok("GetCustomers", Json.object()).body().path("customers"), "customer_id")).contains(jane);
    }

    @Test
    void deletedCustomerKeepsItsAuditTrail() {
        acme.ok("DeleteCustomer", customer(jane));

        Api.Response audit = acme.call("GetAuditLog", Json.object().put("item_type", "customer").put("item_id", jane));

        assertThat(audit.ok()).isTrue();
        assertThat(texts(audit.body().path("entries"), "action")).containsExactly("create", "delete");
    }

    @Test
    void deletingAnAlreadyDeletedCustomerIsNotFound() {
        acme.ok("DeleteCustomer", customer(jane));

        Api.Response again = acme.call("DeleteCustomer", customer(jane));

        assertThat(again.status()).isEqualTo(404);
        assertThat(again.errorType()).isEqualTo("not_found");
    }

    @Test
    void restoringALiveCustomerIsAConflict() {
        Api.Response r = acme.call("RestoreCustomer", customer(jane));

        assertThat(r.status()).isEqualTo(409);
        assertThat(r.errorType()).isEqualTo("conflict");
        assertThat(r.body().at("/error/message").asText()).contains(jane, "not deleted");
        assertThat(r.body().at("/error/details/0/path").asText()).isEqualTo("/customer_id");
    }

    @Test
    void restoringAnUnknownCustomerIsNotFound() {
        Api.Response r = acme.call("RestoreCustomer", customer(Ids.newId()));

        assertThat(r.status()).isEqualTo(404);
        assertThat(r.errorType()).isEqualTo("not_found");
    }

    @Test
    void customerCanBeDeletedAndRestoredAgainAndAgain() {
        for (int round = 0; round < 3; round++) {
            acme.ok("DeleteCustomer", customer(jane));
            acme.ok("RestoreCustomer", customer(jane));
        }

        assertThat(acme.call("GetCustomer", customer(jane)).ok()).isTrue();
        assertThat(acme.call("RestoreCustomer", customer(jane)).status()).isEqualTo(409);
    }

    private static JsonNode without(JsonNode object, String field) {
        ObjectNode copy = object.deepCopy();
        copy.remove(field);
        return copy;
    }
}
