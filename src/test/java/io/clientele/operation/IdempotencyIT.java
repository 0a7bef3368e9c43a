package io.clientele.operation;

import static io.clientele.testing.CustomerBuilder.aCustomer;
import static io.clientele.testing.Requests.customer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clientele.platform.Json;
import io.clientele.testing.Api;
import io.clientele.testing.Owner;
import io.clientele.testing.TenantRows;
import io.clientele.testing.TestServer;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Idempotency keys: a retried write answers the first call's result and changes nothing more. */
class IdempotencyIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private final Api api = TestServer.api();
    private final Api.Tenant acme = api.newTenant("Acme");
    private final TenantRows rows = TenantRows.of(acme);

    @Test
    void aRetryWithTheSameKeyAnswersTheFirstResultAndWritesNothing() throws Exception {
        String body = aCustomer().named("Ada", "Lovelace").build().toString();

        HttpResponse<String> first = post(acme.apiKey(), "CreateCustomer", body, "order-4711-customer");
        Map<String, Long> after = counts();
        HttpResponse<String> retry = post(acme.apiKey(), "CreateCustomer", body, "order-4711-customer");

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(retry.statusCode()).isEqualTo(200);
        assertThat(Json.read(retry.body())).isEqualTo(Json.read(first.body()));
        assertThat(first.headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertThat(retry.headers().firstValue("Idempotent-Replayed")).contains("true");
        assertThat(counts()).isEqualTo(after);
    }

    @Test
    void theKeyMayComeAsAFieldWhichTheOperationNeverSees() {
        ObjectNode body = aCustomer().named("Grace", "Hopper").build().put("idempotency_key", "k-field-1");

        Api.Response first = acme.call("CreateCustomer", body);
        Api.Response retry = acme.call("CreateCustomer", body);

        assertThat(first.status()).isEqualTo(200);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(rows.count("customer")).isEqualTo(1);
        JsonNode created = acme.ok("GetCustomer", customer(first.text("customer_id"))).body().path("customer");
        assertThat(created.path("last_name").asText()).isEqualTo("Hopper");
    }

    @Test
    void fieldOrderDoesNotMakeARequestDifferent() {
        Api.Response first = acme.call("CreateCustomer", "{\"first_name\":\"Ada\",\"last_name\":\"L\",\"idempotency_key\":\"k-order\"}");
        Api.Response retry = acme.call("CreateCustomer", "{\"idempotency_key\":\"k-order\",\"last_name\":\"L\",\"first_name\":\"Ada\"}");

        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(rows.count("customer")).isEqualTo(1);
    }

    @Test
    void theSameKeyForADifferentRequestIsAConflictThatWritesNothing() {
        acme.ok("CreateCustomer", aCustomer().named("Ada", "Lovelace").build().put("idempotency_key", "k-reused"));
        Map<String, Long> before = counts();

        Api.Response otherBody = acme.call("CreateCustomer", aCustomer().named("Alan", "Turing").build().put("idempotency_key", "k-reused"));
        Api.Response otherOperation = acme.call("CreateNote", Json.object().put("item_type", "customer")
                .put("item_id", acme.createCustomer()).put("text", "hi").put("idempotency_key", "k-reused"));

        assertThat(otherBody.status()).isEqualTo(409);
        assertThat(otherBody.errorType()).isEqualTo("conflict");
        assertThat(otherBody.body().at("/error/details/0/path").asText()).isEqualTo("/idempotency_key");
        assertThat(otherBody.body().at("/error/message").asText()).contains("different request to CreateCustomer", "new key");
        assertThat(otherOperation.status()).isEqualTo(409);
        assertThat(otherOperation.body().at("/error/message").asText()).contains("different operation (CreateCustomer)");
        assertThat(rows.count("customer")).isEqualTo(before.get("customer") + 1); // only the note's own customer
        assertThat(rows.count("note")).isZero();
    }

    @Test
    void aFailedCallLeavesTheKeyFreeForTheCorrectedRequest() {
        Api.Response failed = acme.call("CreateCustomer", aCustomer().withEmail("not-an-email").build().put("idempotency_key", "k-fix"));
        Api.Response fixed = acme.call("CreateCustomer", aCustomer().withEmail("ada@example.com").build().put("idempotency_key", "k-fix"));

        assertThat(failed.status()).isEqualTo(400);
        assertThat(fixed.status()).isEqualTo(200);
        assertThat(rows.count("customer")).isEqualTo(1);
    }

    @Test
    void concurrentRetriesCreateOneCustomerAndAllGetItsId() throws Exception {
        String body = aCustomer().named("Katherine", "Johnson").build().put("idempotency_key", "k-race").toString();
        int callers = 8;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Api.Response>> answers = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(callers)) {
            for (int i = 0; i < callers; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return acme.call("CreateCustomer", body);
                }));
            }
            start.countDown();
        }
        List<String> ids = new ArrayList<>();
        for (Future<Api.Response> answer : answers) {
            assertThat(answer.get().status()).isEqualTo(200);
            ids.add(answer.get().text("customer_id"));
        }

        assertThat(ids.stream().distinct()).hasSize(1);
        assertThat(rows.count("customer")).isEqualTo(1);
        assertThat(rows.eventsOf(ids.getFirst())).hasSize(1);
        assertThat(rows.apiCalls()).hasSize(1);
    }

    @Test
    void keysBelongToATenant() {
        Api.Tenant globex = api.newTenant("Globex");
        String body = aCustomer().named("Ada", "Lovelace").build().put("idempotency_key", "k-shared").toString();

        String acmeCustomer = acme.call("CreateCustomer", body).text("customer_id");
        String globexCustomer = globex.call("CreateCustomer", body).text("customer_id");

        assertThat(globexCustomer).isNotNull().isNotEqualTo(acmeCustomer);
        assertThat(TenantRows.of(globex).count("customer")).isEqualTo(1);
    }

    @Test
    void aKeyOlderThanADayMayBeUsedForANewRequest() {
        acme.ok("CreateCustomer", aCustomer().named("Ada", "Lovelace").build().put("idempotency_key", "k-old"));
        Instant twoDaysAgo = Instant.now().minus(2, ChronoUnit.DAYS);
        Owner.committed(h -> h.createUpdate("UPDATE idempotency_key SET created_at = :at WHERE tenant_id = :tenant")
                .bind("at", twoDaysAgo).bind("tenant", acme.tenantId()).execute());

        Api.Response reused = acme.call("CreateCustomer", aCustomer().named("Alan", "Turing").build().put("idempotency_key", "k-old"));

        assertThat(reused.status()).isEqualTo(200);
        assertThat(rows.count("customer")).isEqualTo(2);
    }

    @Test
    void theSweeperDeletesKeysOlderThanADayAndKeepsTheRest() {
        acme.ok("CreateCustomer", aCustomer().named("Ada", "Lovelace").build().put("idempotency_key", "k-expired"));
        acme.ok("CreateCustomer", aCustomer().named("Alan", "Turing").build().put("idempotency_key", "k-fresh"));
        Owner.committed(h -> h.createUpdate("UPDATE idempotency_key SET created_at = :at WHERE tenant_id = :tenant AND key = 'k-expired'")
                .bind("at", Instant.now().minus(25, ChronoUnit.HOURS)).bind("tenant", acme.tenantId()).execute());

        int deleted = TestServer.shared().idempotencyKeys().sweep();

        assertThat(deleted).isGreaterThanOrEqualTo(1);
        List<String> kept = rows.inTenant(h -> h.createQuery("SELECT key FROM idempotency_key").mapTo(String.class).list());
        assertThat(kept).containsExactly("k-fresh");
    }

    @Test
    void unusableKeysAndDisagreeingKeysAreRefused() throws Exception {
        HttpResponse<String> spaced = post(acme.apiKey(), "CreateCustomer", "{}", "has a space");
        HttpResponse<String> tooLong = post(acme.apiKey(), "CreateCustomer", "{}", "k".repeat(256));
        HttpResponse<String> disagreeing = post(acme.apiKey(), "CreateCustomer", "{\"idempotency_key\":\"a\"}", "b");
        Api.Response onARead = acme.call("GetCustomers", Json.object().put("idempotency_key", "k"));

        assertThat(spaced.statusCode()).isEqualTo(400);
        assertThat(Json.read(spaced.body()).at("/error/message").asText()).contains("Idempotency-Key", "visible ASCII");
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(disagreeing.statusCode()).isEqualTo(400);
        assertThat(Json.read(disagreeing.body()).at("/error/message").asText()).contains("differ");
        assertThat(onARead.status()).isEqualTo(400);
        assertThat(onARead.body().at("/error/details/0/path").asText()).isEqualTo("/idempotency_key");
        assertThat(rows.count("customer")).isZero();
    }

    @Test
    void everyWriteOperationPublishesTheFieldButTheSeedExactOneAndNoReadDoes() {
        for (JsonNode op : api.get("/v1/ops").body().path("operations")) {
            boolean published = op.at("/input_schema/properties").has("idempotency_key");
            boolean seedExact = op.path("name").asText().equals("CreateCustomerGroup");
            assertThat(published).as(op.path("name").asText()).isEqualTo(op.path("scope").asText().equals("write") && !seedExact);
        }
    }

    @Test
    void anOperationWithTheSeedsExactSchemaTakesTheKeyFromTheHeader() throws Exception {
        String body = "{\"name\":\"Do Not Contact\",\"enabled\":true,\"qualifier_method\":\"none\",\"qualifiers\":{}}";

        HttpResponse<String> first = post(acme.apiKey(), "CreateCustomerGroup", body, "group-dnc-1");
        HttpResponse<String> retry = post(acme.apiKey(), "CreateCustomerGroup", body, "group-dnc-1");

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(Json.read(retry.body())).isEqualTo(Json.read(first.body()));
        assertThat(retry.headers().firstValue("Idempotent-Replayed")).contains("true");
        assertThat(rows.count("customer_group")).isEqualTo(1);
    }

    private Map<String, Long> counts() {
        return List.of("customer", "event", "audit_log", "api_call", "idempotency_key").stream()
                .collect(Collectors.toMap(t -> t, rows::count));
    }

    private HttpResponse<String> post(String apiKey, String operation, String body, String key) throws Exception {
        HttpRequest request = api.request("/v1/ops/" + operation)
                .header("Authorization", "Bearer " + apiKey)
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
