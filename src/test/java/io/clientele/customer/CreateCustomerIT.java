package io.clientele.customer;

import static io.clientele.testing.CustomerBuilder.aCustomer;
import static io.clientele.testing.Nodes.texts;
import static io.clientele.testing.Requests.customer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.clientele.platform.Ids;
import io.clientele.platform.Json;
import io.clientele.testing.Api;
import io.clientele.testing.TestServer;
import org.junit.jupiter.api.Test;

/** CreateCustomer and GetCustomer over HTTP: every field, the contact rules, and where a rejection points. */
class CreateCustomerIT {
    private final Api api = TestServer.api();
    private final Api.Tenant acme = api.newTenant("Acme");

    @Test
    void customerCreatedWithEveryFieldReadsBackAsSent() {
        String campaign = Ids.newId();
        Api.Response created = acme.call("CreateCustomer", aCustomer()
                .named("Jane", "Doe")
                .withEmail("Jane.Doe@Example.com")
                .withPhone("(415) 555-0132")
                .atCompany("Doe Widgets")
                .knownInternallyAs("crm-4711")
                .fromCampaign(campaign)
                .livingAt("1 Market St", "San Francisco", "94105", "us")
                .withStatus("disabled")
                .inStage("lead")
                .tagged("VIP", " wholesale ", "VIP")
                .from("google_ads")
                .build());

        assertThat(created.status()).isEqualTo(200);
        assertThat(created.text("result")).isEqualTo("Customer created.");
        String id = created.text("customer_id");
        assertThat(Ids.isId(id)).isTrue();

        JsonNode customer = acme.ok("GetCustomer", customer(id)).body().path("customer");
        assertThat(customer.path("customer_id").asText()).isEqualTo(id);
        assertThat(customer.path("first_name").asText()).isEqualTo("Jane");
        assertThat(customer.path("last_name").asText()).isEqualTo("Doe");
        assertThat(customer.path("email").asText()).isEqualTo("Jane.Doe@Example.com");
        assertThat(customer.path("phone").asText()).isEqualTo("(415) 555-0132");
        assertThat(customer.path("phone_e164").asText()).isEqualTo("+14155550132");
        assertThat(customer.path("company").asText()).isEqualTo("Doe Widgets");
        assertThat(customer.path("internal_id").asText()).isEqualTo("crm-4711");
        assertThat(customer.path("campaign_id").asText()).isEqualTo(campaign);
        assertThat((Object) customer.path("address")).isEqualTo(Json.object().put("line1", "1 Market St").putNull("line2")
                .put("city", "San Francisco").putNull("state").put("zip", "94105").put("country", "US"));
        assertThat(customer.path("status").asText()).isEqualTo("disabled");
        assertThat(customer.path("lifecycle_stage").asText()).isEqualTo("lead");
        assertThat(texts(customer.path("tags"))).containsExactly("VIP", "wholesale");
        assertThat(customer.path("source").asText()).isEqualTo("google_ads");
        assertThat(customer.path("created_at").asText()).isNotBlank().isEqualTo(customer.path("updated_at").asText());
    }

    @Test
    void customerWithoutAnyFieldIsEnabledCustomerStageWithNoTags() {
        String id = acme.createCustomer(Json.object());

        JsonNode body = acme.ok("GetCustomer", customer(id)).body();
        JsonNode customer = body.path("customer");
        assertThat(customer.path("status").asText()).isEqualTo("enabled");
        assertThat(customer.path("lifecycle_stage").asText()).isEqualTo("customer");
        assertThat(texts(customer.path("tags"))).isEmpty();
        assertThat(customer.path("email").isNull()).isTrue();
        assertThat(customer.path("phone_e164").isNull()).isTrue();
        assertThat(body.path("metadata").size()).isZero();
    }

    @Test
    void nationalPhoneIsReadInTheAddressCountry() {
        String london = acme.createCustomer(aCustomer().withPhone("020 7946 0958").livingIn("GB"));
        String berlin = acme.createCustomer(aCustomer().withPhone("030 12345678").livingIn("DE"));

        assertThat(phoneE164Of(london)).isEqualTo("+442079460958");
        assertThat(phoneE164Of(berlin)).isEqualTo("+493012345678");
    }

    @Test
    void internationalPhoneParsesWithoutACountryButANationalOneIsKeptAsGivenOnly() {
        String international = acme.createCustomer(aCustomer().withPhone("+44 20 7946 0958"));
        String national = acme.createCustomer(aCustomer().withPhone("(415) 555-0132"));

        assertThat(phoneE164Of(international)).isEqualTo("+442079460958");
        JsonNode kept = acme.ok("GetCustomer", customer(national)).body().path("customer");
        assertThat(kept.path("phone").asText()).isEqualTo("(415) 555-0132");
        assertThat(kept.path("phone_e164").isNull()).isTrue();
    }

    @Test
    void malformedEmailIsRejectedAtItsPointer() {
        Api.Response r = acme.call("CreateCustomer", aCustomer().withEmail("jane@@example").build());

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.errorType()).isEqualTo("validation");
        assertThat(r.body().at("/error/details").size()).isEqualTo(1);
        assertThat(r.body().at("/error/details/0/path").asText()).isEqualTo("/email");
        assertThat(r.body().at("/error/details/0/message").asText()).contains("jane@@example", "not a valid email");
    }

    @Test
    void unknownCountryIsRejectedAtItsPointer() {
        Api.Response r = acme.call("CreateCustomer", aCustomer().livingIn("QQ").build());

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body().at("/error/details/0/path").asText()).isEqualTo("/address/country");
        assertThat(r.body().at("/error/details/0/message").asText()).contains("QQ", "ISO 3166-1");
    }

    @Test
    void everyProblemOfARequestIsReportedAtOnce() {
        Api.Response r = acme.call("CreateCustomer", aCustomer().withEmail("nope").livingIn("QQ").build());

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body().at("/error/message").asText()).isEqualTo("2 problems in the request.");
        assertThat(r.body().at("/error/details").findValuesAsText("path")).containsExactlyInAnyOrder("/email", "/address/country");
    }

    @Test
    void campaignIdMustBeAnId() {
        Api.Response r = acme.call("CreateCustomer", aCustomer().fromCampaign("spring-sale").build());

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body().at("/error/details/0/path").asText()).isEqualTo("/campaign_id");
    }

    @Test
    void blankTagIsRejected() {
        Api.Response r = acme.call("CreateCustomer", aCustomer().tagged("VIP", "  ").build());

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body().at("/error/details/0/path").asText()).isEqualTo("/tags");
    }

    private String phoneE164Of(String customerId) {
        return acme.ok("GetCustomer", customer(customerId)).body().at("/customer/phone_e164").asText(null);
    }
}
