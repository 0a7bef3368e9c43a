package io.clientele.customer;

import static io.clientele.testing.CustomerBuilder.aCustomer;
import static io.clientele.testing.Requests.customer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clientele.platform.Json;
import io.clientele.testing.Api;
import io.clientele.testing.CustomerBuilder;
import io.clientele.testing.TenantRows;
import io.clientele.testing.TestServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CreateCustomers: many customers in one call, each as CreateCustomer would make it, all or nothing. */
class CreateCustomersIT {
    private final Api api = TestServer.api();
    private final Api.Tenant acme = api.newTenant("Acme");
    private final TenantRows rows = TenantRows.of(acme);

    @Test
    void everyCustomerIsCreatedInOrderAuditedAndAnnounced() {
        Api.Response r = acme.call("CreateCustomers", batch(
                aCustomer().named("Ada", "Lovelace").withEmail("ada@example.com"),
                aCustomer().named("Alan", "Turing").withPhone("020 7946 0958").livingIn("GB"),
                aCustomer().tagged("VIP", "VIP")));

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.text("result")).isEqualTo("3 customers created.");
        List<String> ids = new ArrayList<>();
        r.body().path("customer_ids").forEach(id -> ids.add(id.asText()));
        assertThat(ids).hasSize(3).doesNotHaveDuplicates();

        assertThat(get(ids.get(0)).path("last_name").asText()).isEqualTo("Lovelace");
        assertThat(get(ids.get(1)).path("phone_e164").asText()).isEqualTo("+442079460958");
        assertThat(get(ids.get(2)).path("tags")).hasSize(1);
        assertThat(get(ids.get(2)).path("status").asText()).isEqualTo("enabled");

        for (String id : ids) {
            List<TenantRows.EventRow> events = rows.eventsOf(id);
            assertThat(events).extracting(TenantRows.EventRow::notation).containsExactly("customer.created");
            assertThat(events.get(0).customerSeq()).isEqualTo(1L);
        }
        assertThat(rows.auditRowsOfCall(r.apiCallId())).extracting(TenantRows.AuditRow::itemId)
                .containsExactlyInAnyOrderElementsOf(ids);
        assertThat(rows.apiCall(r.apiCallId())).get().extracting(TenantRows.ApiCallRow::method).isEqualTo("create_many");
    }

    @Test
    void oneBadEntryFailsTheCallAtItsPointerAndWritesNothing() {
        long customersBefore = rows.count("customer");
        long eventsBefore = rows.count("event");

        Api.Response r = acme.call("CreateCustomers", batch(
                aCustomer().withEmail("fine@example.com"),
                aCustomer().withEmail("broken@@example"),
                aCustomer().livingIn("QQ")));

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.errorType()).isEqualTo("validation");
        assertThat(r.body().at("/error/details").findValuesAsText("path"))
                .containsExactlyInAnyOrder("/customers/1/email", "/customers/2/address/country");
        assertThat(rows.count("customer")).isEqualTo(customersBefore);
        assertThat(rows.count("event")).isEqualTo(eventsBefore);
        assertThat(rows.auditRowsOfCall(r.apiCallId())).isEmpty();
        assertThat(rows.apiCall(r.apiCallId())).get().extracting(TenantRows.ApiCallRow::httpStatus).isEqualTo(400);
    }

    @Test
    void schemaViolationsPointIntoTheEntry() {
        ObjectNode body = batch(aCustomer());
        ((ObjectNode) body.path("customers").get(0)).put("favourite_colour", "green");

        Api.Response r = acme.call("CreateCustomers", body);

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body().at("/error/details/0/path").asText()).startsWith("/customers/0");
        assertThat(r.body().at("/error/details/0/message").asText()).contains("favourite_colour");
    }

    @Test
    void anEmptyListOrMoreThanTheLimitIsRefused() {
        Api.Response empty = acme.call("CreateCustomers", batch());
        CustomerBuilder[] tooMany = new CustomerBuilder[Customers.MAX_BATCH + 1];
        java.util.Arrays.fill(tooMany, aCustomer());
        Api.Response over = acme.call("CreateCustomers", batch(tooMany));

        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.body().at("/error/details/0/path").asText()).isEqualTo("/customers");
        assertThat(over.status()).isEqualTo(400);
        assertThat(over.body().at("/error/details/0/path").asText()).isEqualTo("/customers");
    }

    private JsonNode get(String id) {
        return acme.ok("GetCustomer", customer(id)).body().path("customer");
    }

    private static ObjectNode batch(CustomerBuilder... customers) {
        ObjectNode body = Json.object();
        ArrayNode list = body.putArray("customers");
        for (CustomerBuilder c : customers) list.add(c.build());
        return body;
    }
}
