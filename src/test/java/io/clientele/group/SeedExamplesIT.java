package io.clientele.group;

import static io.clientele.testing.Nodes.fieldNames;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clientele.platform.Json;
import io.clientele.testing.Api;
import io.clientele.testing.TestServer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Seed 002's full examples, copied verbatim from the seed into src/test/resources/seed002, created through the
 * API: each succeeds with exactly the seed's five output fields and reads back as sent.
 */
class SeedExamplesIT {
    private final Api api = TestServer.api();
    private final Api.Tenant acme = api.newTenant("Acme");

    static ObjectNode example(String name) {
        try (InputStream in = SeedExamplesIT.class.getResourceAsStream("/seed002/" + name + ".json")) {
            return (ObjectNode) Json.read(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"manual", "vip", "winback", "affiliate", "payment_recovery"})
    void theSeedsFullExampleIsCreatedWithExactlyTheSeedsOutputAndReadsBackAsSent(String name) {
        ObjectNode sent = example(name);

        Api.Response created = acme.call("CreateCustomerGroup", sent);

        assertThat(created.ok()).as(created.toString()).isTrue();
        assertThat(fieldNames(created.body())).containsExactlyInAnyOrder("api_call_id", "api_call_unix", "code",
                "customer_group_id", "result");
        assertThat(created.text("customer_group_id")).hasSize(20);
        JsonNode group = acme.ok("GetCustomerGroup", Json.object().put("customer_group_id", created.text("customer_group_id")))
                .body().path("customer_group");
        assertThat(group.path("name").asText()).isEqualTo(sent.path("name").asText());
        assertThat(group.path("description").asText()).isEqualTo(sent.path("description").asText());
        assertThat(group.path("enabled")).isEqualTo(sent.path("enabled"));
        assertThat(group.path("qualifier_method")).isEqualTo(sent.path("qualifier_method"));
        assertThat(group.path("qualifiers")).isEqualTo(sent.path("qualifiers"));
        assertThat(group.path("member_count").asLong()).isZero();
    }

    @Test
    void theCompositeExampleVerbatimIsRefusedForItsPlaceholdersAndNamesEachOne() {
        Api.Response refused = acme.call("CreateCustomerGroup", example("composite"));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.errorType()).isEqualTo("validation");
        JsonNode details = refused.body().at("/error/details");
        assertThat(details).hasSize(3);
        assertThat(details.get(0).path("path").asText()).isEqualTo("/qualifiers/customer_group/in_all_customer_group/0");
        assertThat(details.get(0).path("message").asText()).contains("HIGH_VALUE_GROUP_ID")
                .contains("real 20-character id").contains("placeholder");
        assertThat(details.get(2).path("path").asText()).isEqualTo("/qualifiers/customer_group/not_in_customer_group/0");
        assertThat(acme.ok("GetCustomerGroups", Json.object()).body().path("customer_groups")).isEmpty();
    }

    @Test
    void theCompositeExampleWithRealGroupIdsIsCreatedAndReadsBackAsSent() {
        String vip = created(example("vip"));
        String winback = created(example("winback"));
        String doNotContact = created(example("manual"));
        ObjectNode composite = example("composite");
        ObjectNode cg = (ObjectNode) composite.at("/qualifiers/customer_group");
        cg.putArray("in_all_customer_group").add(vip).add(winback);
        cg.putArray("not_in_customer_group").add(doNotContact);

        Api.Response created = acme.call("CreateCustomerGroup", composite);

        assertThat(created.ok()).as(created.toString()).isTrue();
        assertThat(created.body().has("warnings")).isFalse();
        JsonNode group = acme.ok("GetCustomerGroup", Json.object().put("customer_group_id", created.text("customer_group_id")))
                .body().path("customer_group");
        assertThat(group.path("qualifiers")).isEqualTo(composite.path("qualifiers"));
    }

    private String created(ObjectNode body) {
        return acme.ok("CreateCustomerGroup", body).text("customer_group_id");
    }
}
