package io.clientele.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clientele.platform.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A real HTTP client for a test server: admin calls, operation calls, raw requests. */
public final class Api {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String base;

    public Api(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    /** An HTTP answer: status and parsed JSON body. */
    public record Response(int status, JsonNode body) {
        public boolean ok() {
            return status == 200 && body.path("code").asInt() == 1;
        }

        public String errorType() {
            return body.path("error").path("type").asText(null);
        }

        public String text(String field) {
            return body.path(field).asText(null);
        }

        public String apiCallId() {
            return text("api_call_id");
        }
    }

    /** A new tenant with a full-rights key. */
    public Tenant newTenant(String name) {
        Response r = admin("/admin/v1/tenants", Json.object().put("name", name).toString());
        if (r.status() != 201) throw new IllegalStateException("tenant not created: " + r);
        return new Tenant(this, r.text("tenant_id"), r.text("api_key"));
    }

    public Response admin(String path, String body) {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + TestServer.ADMIN_TOKEN)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    public Response call(String apiKey, String operation, String body) {
        return send(HttpRequest.newBuilder(URI.create(base + "/v1/ops/" + operation))
                .header("Authorization", "Bearer " + apiKey)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** A new key for an existing tenant, e.g. {@code scopes = ["read"]}. */
    public Response newApiKey(String tenantId, String... scopes) {
        ObjectNode body = Json.object();
        var list = body.putArray("scopes");
        for (String scope : scopes) list.add(scope);
        return admin("/admin/v1/tenants/" + tenantId + "/api-keys", body.toString());
    }

    /** A request to this server with nothing set but the URL, for tests that shape headers themselves. */
    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path));
    }

    public Response get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET().build());
    }

    public Response send(HttpRequest request) {
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode body;
            try {
                body = response.body().isEmpty() ? Json.object() : Json.MAPPER.readTree(response.body());
            } catch (IOException notJson) {
                body = Json.object().put("raw", response.body());
            }
            return new Response(response.statusCode(), body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public String base() {
        return base;
    }

    /** A tenant and its key, with shortcuts for calling operations as it. */
    public record Tenant(Api api, String tenantId, String apiKey) {
        public Response call(String operation, String body) {
            return api.call(apiKey, operation, body);
        }

        public Response call(String operation, ObjectNode body) {
            return api.call(apiKey, operation, body.toString());
        }

        /** Creates a customer and returns its id; fails the test if the call fails. */
        public String createCustomer(ObjectNode fields) {
            Response r = call("CreateCustomer", fields);
            if (!r.ok()) throw new AssertionError("CreateCustomer failed: " + r);
            return r.text("customer_id");
        }

        public String createCustomer(CustomerBuilder customer) {
            return createCustomer(customer.build());
        }

        /** Calls and fails the test unless the call succeeded. */
        public Response ok(String operation, ObjectNode body) {
            Response r = call(operation, body);
            if (!r.ok()) throw new AssertionError(operation + " failed: " + r);
            return r;
        }

        /** The same tenant acting through another key of its own, with the given scopes. */
        public Tenant withKeyScoped(String... scopes) {
            Response r = api.newApiKey(tenantId, scopes);
            if (r.status() != 201) throw new IllegalStateException("key not created: " + r);
            return new Tenant(api, tenantId, r.text("api_key"));
        }

        public String createCustomer() {
            return createCustomer(Json.object().put("first_name", "Ada").put("last_name", "Lovelace")
                    .put("email", "ada+" + io.clientele.platform.Ids.random(6) + "@example.com"));
        }
    }
}
