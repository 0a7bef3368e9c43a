package io.clientele;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.platform.Json;
import io.clientele.testing.Api;
import io.clientele.testing.TestServer;
import org.junit.jupiter.api.Test;

/** The README's five-minute tour, end to end over HTTP. */
class CustomerTourIT {
    private final Api api = TestServer.api();

    @Test
    void tenantCreatesReadsAndAuditsACustomer() {
        Api.Tenant acme = api.newTenant("Acme");
        String id = acme.createCustomer(Json.object().put("first_name", "Jane").put("email", "jane@example.com")
                .put("phone", "(415) 555-0132").set("address", Json.object().put("country", "US")));

        Api.Response read = acme.call("GetCustomer", Json.object().put("customer_id", id));
        assertThat(read.ok()).isTrue();
        assertThat(read.body().at("/customer/phone_e164").asText()).isEqualTo("+14155550132");

        Api.Response audit = acme.call("GetAuditLog", Json.object().put("item_type", "customer").put("item_id", id));
        assertThat(audit.body().at("/entries/0/action").asText()).isEqualTo("create");
        assertThat(audit.body().at("/entries/0/after/email").asText()).isEqualTo("jane@example.com");

        Api.Response verify = acme.call("VerifyAuditLog", "{}");
        assertThat(verify.body().path("intact").asBoolean()).isTrue();
        assertThat(verify.body().path("sealed_rows").asLong()).isEqualTo(1);
    }
}
