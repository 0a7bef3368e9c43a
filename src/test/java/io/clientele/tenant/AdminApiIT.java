package io.clientele.tenant;

import static io.clientele.testing.Envelopes.assertFailure;
import static io.clientele.testing.Nodes.fieldNames;
import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.platform.Ids;
import io.clientele.platform.Json;
import io.clientele.testing.Api;
import io.clientele.testing.TenantRows;
import io.clientele.testing.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The admin API: tenants and keys are created with the admin token, shown once, and stored hashed. */
class AdminApiIT {
    private static final String KEY = "^ck_[0-9A-Za-z]{40}$";
    private final Api api = TestServer.api();

    @Test
    void creatingATenantAnswers201WithItsIdAndAWorkingKey() {
        Api.Response r = api.admin("/admin/v1/tenants", "{\"name\":\"Acme\"}");

        assertThat(r.status()).isEqualTo(201);
        assertThat(fieldNames(r.body())).containsExactly("tenant_id", "api_key");
        assertThat(Ids.isId(r.text("tenant_id"))).isTrue();
        assertThat(r.text("api_key")).matches(KEY);
        assertThat(api.call(r.text("api_key"), "GetCustomers", "{}").ok()).isTrue();
    }

    @Test
    void keyIsStoredOnlyAsItsHashAndPrefix() throws Exception {
        Api.Tenant acme = api.newTenant("Acme");
        byte[] expectedHash = MessageDigest.getInstance("SHA-256").digest(acme.apiKey().getBytes(StandardCharsets.UTF_8));

        List<Object[]> keys = TenantRows.of(acme).inTenant(h -> h.createQuery(
                        "SELECT key_hash, key_prefix, scopes::text, row_to_json(api_key)::text FROM api_key")
                .map((rs, ctx) -> new Object[] {rs.getBytes(1), rs.getString(2), rs.getString(3), rs.getString(4)}).list());

        assertThat(keys).hasSize(1);
        assertThat(Arrays.equals((byte[]) keys.get(0)[0], expectedHash)).isTrue();
        assertThat(keys.get(0)[1]).isEqualTo(acme.apiKey().substring(0, 8));
        assertThat(keys.get(0)[2]).isEqualTo("{read,write}");
        assertThat((String) keys.get(0)[3]).doesNotContain(acme.apiKey().substring(8));
    }

    @Test
    void creatingAnApiKeyAnswers201WithAnotherWorkingKey() {
        Api.Tenant acme = api.newTenant("Acme");

        Api.Response r = api.admin("/admin/v1/tenants/" + acme.tenantId() + "/api-keys", "{}");

        assertThat(r.status()).isEqualTo(201);
        assertThat(fieldNames(r.body())).containsExactly("api_key");
        assertThat(r.text("api_key")).matches(KEY).isNotEqualTo(acme.apiKey());
        String customer = acme.createCustomer();
        assertThat(api.call(r.text("api_key"), "GetCustomer", "{\"customer_id\":\"" + customer + "\"}").ok()).isTrue();
        assertThat(TenantRows.of(acme).apiKeyIds()).hasSize(2);
    }

    @Test
    void keyCreatedWithReadScopeIsStoredWithOnlyThatScope() {
        Api.Tenant acme = api.newTenant("Acme");

        Api.Response r = api.newApiKey(acme.tenantId(), "read");

        assertThat(r.status()).isEqualTo(201);
        List<String> scopes = TenantRows.of(acme).inTenant(h -> h.createQuery("SELECT scopes::text FROM api_key ORDER BY created_at")
                .mapTo(String.class).list());
        assertThat(scopes).containsExactly("{read,write}", "{read}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bearer wrong-token", "Bearer ", "test-admin-token", "Basic dGVzdC1hZG1pbi10b2tlbg=="})
    void wrongOrMalformedAdminTokenIsUnauthorized(String header) {
        HttpRequest request = api.request("/admin/v1/tenants").header("Authorization", header)
                .header("Content-Type", "application/json").POST(BodyPublishers.ofString("{\"name\":\"Evil\"}")).build();

        Api.Response r = api.send(request);

        assertFailure(r, 401, "unauthorized");
        assertThat(r.body().at("/error/message").asText()).contains("admin token");
    }

    @Test
    void missingAdminTokenIsUnauthorizedForBothEndpoints() {
        Api.Tenant acme = api.newTenant("Acme");
        for (String path : List.of("/admin/v1/tenants", "/admin/v1/tenants/" + acme.tenantId() + "/api-keys")) {
            HttpRequest request = api.request(path).header("Content-Type", "application/json")
                    .POST(BodyPublishers.ofString("{}")).build();
            assertFailure(api.send(request), 401, "unauthorized");
        }
    }

    @Test
    void tenantApiKeyIsNotAnAdminTokenAndTheAdminTokenIsNotAnApiKey() {
        Api.Tenant acme = api.newTenant("Acme");
        HttpRequest asTenant = api.request("/admin/v1/tenants/" + acme.tenantId() + "/api-keys")
                .header("Authorization", "Bearer " + acme.apiKey()).header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString("{}")).build();

        assertFailure(api.send(asTenant), 401, "unauthorized");
        assertFailure(api.call(TestServer.ADMIN_TOKEN, "GetCustomers", "{}"), 401, "unauthorized");
    }

    @Test
    void unknownFieldIsAValidationErrorThatNamesIt() {
        Api.Tenant acme = api.newTenant("Acme");

        Api.Response tenant = api.admin("/admin/v1/tenants", "{\"name\":\"Acme\",\"plan\":\"pro\"}");
        Api.Response key = api.admin("/admin/v1/tenants/" + acme.tenantId() + "/api-keys", "{\"scopes\":[\"read\"],\"expires\":1}");

        assertFailure(tenant, 400, "validation");
        assertThat(tenant.body().at("/error/details/0/path").asText()).isEqualTo("/plan");
        assertThat(tenant.body().at("/error/details/0/message").asText()).contains("unknown field 'plan'");
        assertFailure(key, 400, "validation");
        assertThat(key.body().at("/error/details/0/path").asText()).isEqualTo("/expires");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"name\":\"\"}", "{\"name\":\"   \"}", "{\"name\":42}", "{\"name\":null}", "{\"name\":\"a\\u0000b\"}"})
    void tenantNeedsAProperName(String body) {
        Api.Response r = api.admin("/admin/v1/tenants", body);

        assertFailure(r, 400, "validation");
        assertThat(r.body().at("/error/details/0/path").asText()).isEqualTo("/name");
    }

    @Test
    void tenantNameMayHave200CharactersButNotMore() {
        assertThat(api.admin("/admin/v1/tenants", Json.object().put("name", "n".repeat(200)).toString()).status()).isEqualTo(201);
        assertFailure(api.admin("/admin/v1/tenants", Json.object().put("name", "n".repeat(201)).toString()), 400, "validation");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"scopes\":[]}", "{\"scopes\":[\"admin\"]}", "{\"scopes\":\"read\"}", "{\"scopes\":[\"read\",1]}"})
    void keyNeedsKnownScopes(String body) {
        Api.Tenant acme = api.newTenant("Acme");

        Api.Response r = api.admin("/admin/v1/tenants/" + acme.tenantId() + "/api-keys", body);

        assertFailure(r, 400, "validation");
        assertThat(r.body().at("/error/details/0/path").asText()).isEqualTo("/scopes");
    }

    @ParameterizedTest
    @ValueSource(strings = {"AAAAAAAAAAAAAAAAAAAA", "not-a-tenant", "x"})
    void keyForAnUnknownTenantIsNotFound(String tenantId) {
        Api.Response r = api.admin("/admin/v1/tenants/" + tenantId + "/api-keys", "{}");

        assertFailure(r, 404, "not_found");
        assertThat(r.body().at("/error/details/0/path").asText()).isEqualTo("/tenant_id");
    }

    @Test
    void bodyThatIsNotAJsonObjectOrNotJsonAtAllIsRejected() {
        HttpRequest form = api.request("/admin/v1/tenants").header("Authorization", "Bearer " + TestServer.ADMIN_TOKEN)
                .header("Content-Type", "application/x-www-form-urlencoded").POST(BodyPublishers.ofString("name=Acme")).build();

        assertFailure(api.send(form), 415, "unsupported_media_type");
        assertFailure(api.admin("/admin/v1/tenants", "[\"Acme\"]"), 400, "validation");
        assertFailure(api.admin("/admin/v1/tenants", "{name: Acme}"), 400, "validation");
    }

    @Test
    void healthAnswersOk() {
        Api.Response r = api.get("/health");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(Json.object().put("status", "ok"));
    }
}
