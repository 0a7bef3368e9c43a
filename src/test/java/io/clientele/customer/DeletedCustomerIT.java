package io.clientele.customer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clientele.platform.Json;
import io.clientele.testing.Api;
import io.clientele.testing.TestServer;
import org.junit.jupiter.api.Test;

/** Lookups by id tell live customers from soft-deleted ones (CustomerStore checks deleted_at on the row). */
class DeletedCustomerIT {
    private final Api.Tenant acme = TestServer.api().newTenant("Acme");

    private static ObjectNode id(String customerId) {
        return Json.object().put("customer_id", customerId);
    }

    @Test
    void aDeletedCustomerIsNotFoundUntilRestored() {
        String id = acme.createCustomer();
        assertThat(acme.call("DeleteCustomer", id(id)).ok()).isTrue();

        assertThat(acme.call("GetCustomer", id(id)).errorType()).isEqualTo("not_found");
        assertThat(acme.call("EditCustomer", id(id).put("first_name", "Grace")).errorType()).isEqualTo("not_found");
        assertThat(acme.call("DeleteCustomer", id(id)).errorType()).isEqualTo("not_found");
        assertThat(acme.call("InsertMetadata", Json.object().put("item_type", "customer").put("item_id", id)
                .set("metadata", Json.MAPPER.createArrayNode().add(Json.object().put("name", "tier").put("value", "gold"))))
                .errorType()).isEqualTo("not_found");

        assertThat(acme.call("RestoreCustomer", id(id)).ok()).isTrue();
        assertThat(acme.call("RestoreCustomer", id(id)).errorType()).isEqualTo("conflict");
        Api.Response edited = acme.call("EditCustomer", id(id).put("first_name", "Grace"));
        assertThat(edited.ok()).isTrue();
        assertThat(acme.call("GetCustomer", id(id)).body().at("/customer/first_name").asText()).isEqualTo("Grace");
    }

    @Test
    void aCustomerThatNeverExistedCannotBeRestored() {
        assertThat(acme.call("RestoreCustomer", id("AAAAAAAAAAAAAAAAAAAA")).errorType()).isEqualTo("not_found");
    }
}
