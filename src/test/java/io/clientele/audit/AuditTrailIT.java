package io.clientele.audit;

import static io.clientele.testing.Nodes.texts;
import static io.clientele.testing.Requests.auditOf;
import static io.clientele.testing.Requests.customer;
import static io.clientele.testing.Requests.note;
import static io.clientele.testing.Requests.removeMetadata;
import static io.clientele.testing.Requests.setMetadata;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clientele.platform.Json;
import io.clientele.testing.Api;
import io.clientele.testing.TenantRows;
import io.clientele.testing.TenantRows.AuditRow;
import io.clientele.testing.TestServer;
import java.net.http.HttpRequest.BodyPublishers;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every change leaves one audit row: what it was before and after, who did it, from where, in which call. */
class AuditTrailIT {
    private static final String USER_AGENT = "AuditTrailIT/1.0 (+https://clientele.test)";

    private final Api api = TestServer.api();
    private final Api.Tenant acme = api.newTenant("Acme");
    private final TenantRows rows = TenantRows.of(acme);
    private final String keyId = rows.apiKeyIds().getFirst();

    @Test
    void everyChangeHasOneRowWithBeforeAfterActorOriginAndCall() {
        Api.Response created = call("CreateCustomer", Json.object().put("first_name", "Jane").put("email", "jane@example.com"));
        String jane = created.text("customer_id");
        AuditRow create = onlyAuditRowOf(created, "customer", jane, "create");
        assertThat(create.before()).isNull();
        assertThat(create.after().path("first_name").asText()).isEqualTo("Jane");
        assertThat(create.after().path("email").asText()).isEqualTo("jane@example.com");

        Api.Response edited = call("EditCustomer", customer(jane).put("first_name", "Janet"));
        AuditRow update = onlyAuditRowOf(edited, "customer", jane, "update");
        assertThat(update.before().path("first_name").asText()).isEqualTo("Jane");
        assertThat(update.after().path("first_name").asText()).isEqualTo("Janet");
        assertThat(update.after().path("email").asText()).isEqualTo("jane@example.com");

        Api.Response inserted = call("InsertMetadata", setMetadata(jane, "tier", "gold"));
        AuditRow metadataInsert = onlyAuditRowOf(inserted, "customer", jane, "metadata.insert");
        assertThat(metadataInsert.before()).isNull();
        assertThat(metadataInsert.after()).isEqualTo(Json.object().put("tier", "gold"));

        Api.Response changed = call("InsertMetadata", setMetadata(jane, "tier", "platinum"));
        AuditRow metadataUpdate = onlyAuditRowOf(changed, "customer", jane, "metadata.update");
        assertThat(metadataUpdate.before()).isEqualTo(Json.object().put("tier", "gold"));
        assertThat(metadataUpdate.after()).isEqualTo(Json.object().put("tier", "platinum"));

        Api.Response removed = call("DeleteMetadata", removeMetadata(jane, "tier"));
        AuditRow metadataDelete = onlyAuditRowOf(removed, "customer", jane, "metadata.delete");
        assertThat(metadataDelete.before()).isEqualTo(Json.object().put("tier", "platinum"));
        assertThat(metadataDelete.after()).isNull();

        Api.Response noted = call("CreateNote", note(jane, "Prefers email."));
        String noteId = noted.text("note_id");
        AuditRow noteCreate = onlyAuditRowOf(noted, "note", noteId, "create");
        assertThat(noteCreate.before()).isNull();
        assertThat(noteCreate.after().path("text").asText()).isEqualTo("Prefers email.");
        assertThat(noteCreate.after().path("item_id").asText()).isEqualTo(jane);

        Api.Response deleted = call("DeleteCustomer", customer(jane));
        AuditRow delete = onlyAuditRowOf(deleted, "customer", jane, "delete");
        assertThat(delete.before().path("first_name").asText()).isEqualTo("Janet");
        assertThat(delete.after().path("deleted_at").asText()).isNotBlank();

        Api.Response restored = call("RestoreCustomer", customer(jane));
        AuditRow restore = onlyAuditRowOf(restored, "customer", jane, "restore");
        assertThat(restore.before()).isEqualTo(Json.object().put("deleted", true));
        assertThat(restore.after().path("first_name").asText()).isEqualTo("Janet");

        assertThat(rows.auditRows()).hasSize(8);
    }

    @Test
    void readsAndNoOpsLeaveNoAuditRows() {
        String jane = acme.createCustomer();
        acme.ok("InsertMetadata", setMetadata(jane, "tier", "gold"));
        int before = rows.auditRows().size();

        acme.ok("GetCustomer", customer(jane));
        acme.ok("GetCustomers", Json.object());
        acme.ok("GetAuditLog", auditOf(jane));
        acme.ok("VerifyAuditLog", Json.object());
        acme.ok("EditCustomer", customer(jane));
        acme.ok("InsertMetadata", setMetadata(jane, "tier", "gold"));
        acme.call("DeleteMetadata", removeMetadata(jane, "never_set"));

        assertThat(rows.auditRows()).hasSize(before);
    }

    @Test
    void getAuditLogShowsTheItemsRowsOldestFirstAndSealedAfterVerification() {
        String jane = acme.createCustomer();
        acme.ok("EditCustomer", customer(jane).put("first_name", "Grace"));
        acme.ok("InsertMetadata", setMetadata(jane, "tier", "gold"));
        acme.ok("VerifyAuditLog", Json.object());

        JsonNode page = acme.ok("GetAuditLog", auditOf(jane)).body();

        assertThat(page.path("item_id").asText()).isEqualTo(jane);
        assertThat(texts(page.path("entries"), "action")).containsExactly("create", "update", "metadata.insert");
        List<Long> positions = new ArrayList<>();
        for (JsonNode entry : page.path("entries")) {
            assertThat(entry.path("hash").asText()).matches("^[0-9a-f]{64}$");
            assertThat(entry.path("actor_kind").asText()).isEqualTo("api_key");
            assertThat(entry.path("actor_id").asText()).isEqualTo(keyId);
            assertThat(entry.path("ip").asText()).isEqualTo("127.0.0.1");
            positions.add(entry.path("chain_position").asLong());
        }
        assertThat(positions).containsExactly(1L, 2L, 3L);
        assertThat(page.path("next_after_audit_id").isNull()).isTrue();
    }

    @Test
    void getAuditLogPagesWithAfterAuditId() {
        String jane = acme.createCustomer();
        for (int i = 0; i < 4; i++) acme.ok("EditCustomer", customer(jane).put("first_name", "Name " + i));

        List<String> actions = new ArrayList<>();
        Long after = null;
        int pages = 0;
        do {
            ObjectNode request = auditOf(jane).put("limit", 2);
            if (after != null) request.put("after_audit_id", after);
            JsonNode page = acme.ok("GetAuditLog", request).body();
            actions.addAll(texts(page.path("entries"), "action"));
            after = page.path("next_after_audit_id").isNull() ? null : page.path("next_after_audit_id").asLong();
            pages++;
        } while (after != null);

        assertThat(actions).containsExactly("create", "update", "update", "update", "update");
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void deletedCustomersTrailStaysReadable() {
        String jane = acme.createCustomer();
        acme.ok("DeleteCustomer", customer(jane));

        assertThat(texts(acme.ok("GetAuditLog", auditOf(jane)).body().path("entries"), "action")).containsExactly("create", "delete");
    }

    private Api.Response call(String operation, ObjectNode input) {
        Api.Response r = api.send(api.request("/v1/ops/" + operation)
                .header("Authorization", "Bearer " + acme.apiKey())
                .header("Content-Type", "application/json")
                .header("User-Agent", USER_AGENT)
                .POST(BodyPublishers.ofString(input.toString())).build());
        assertThat(r.ok()).as("%s: %s", operation, r.body()).isTrue();
        return r;
    }

    private AuditRow onlyAuditRowOf(Api.Response call, String itemType, String itemId, String action) {
        List<AuditRow> written = rows.auditRowsOfCall(call.apiCallId());
        assertThat(written).as("audit rows of %s", action).hasSize(1);
        AuditRow row = written.getFirst();
        assertThat(row.itemType()).isEqualTo(itemType);
        assertThat(row.itemId()).isEqualTo(itemId);
        assertThat(row.action()).isEqualTo(action);
        assertThat(row.actorKind()).isEqualTo("api_key");
        assertThat(row.actorId()).isEqualTo(keyId);
        assertThat(row.apiCallId()).isEqualTo(call.apiCallId());
        assertThat(row.ip()).isEqualTo("127.0.0.1");
        assertThat(row.userAgent()).isEqualTo(USER_AGENT);
        return row;
    }
}
