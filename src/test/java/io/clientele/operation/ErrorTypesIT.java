package io.clientele.operation;

import static io.clientele.testing.CustomerBuilder.aCustomer;
import static io.clientele.testing.Envelopes.assertFailure;
import static io.clientele.testing.Envelopes.assertSuccessWithoutWarnings;
import static io.clientele.testing.Nodes.texts;
import static io.clientele.testing.Requests.customer;
import static io.clientele.testing.Requests.item;
import static io.clientele.testing.Requests.note;
import static io.clientele.testing.Requests.setMetadata;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clientele.platform.Ids;
import io.clientele.platform.Json;
import io.clientele.testing.Api;
import io.clientele.testing.TestServer;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every error type of CONTRACT.md, reached over HTTP, in the exact envelope the contract shows. */
class ErrorTypesIT {
    private final Api api = TestServer.api();
    private final Api.Tenant acme = api.newTenant("Acme");

    // --- success envelope

    @Test
    void successEnvelopeHasCallIdTimeCodeAndResultButNoWarningsKey() {
        String id = acme.createCustomer();

        for (var call : Map.of("GetCustomer", customer(id), "GetCustomers", Json.object(),
                "EditCustomer", customer(id).put("first_name", "Grace"), "InsertMetadata", setMetadata(id, "tier", "gold"),
                "VerifyAuditLog", Json.object()).entrySet()) {
            assertSuccessWithoutWarnings(acme.call(call.getKey(), call.getValue()));
        }
    }

    @Test
    void envelopeTimeIsTheUnixSecondOfTheCall() {
        long before = Instant.now().getEpochSecond();
        Api.Response ok = acme.call("GetCustomers", Json.object());
        Api.Response failed = acme.call("GetCustomer", customer(Ids.newId()));
        long after = Instant.now().getEpochSecond();

        assertThat(ok.body().path("api_call_unix").asLong()).isBetween(before, after);
        assertThat(failed.body().path("api_call_unix").asLong()).isBetween(before, after);
        assertThat(ok.apiCallId()).isNotEqualTo(failed.apiCallId());
    }

    // --- validation (400)

    @Test
    void unknownFieldIsAValidationErrorThatNamesIt() {
        Api.Response r = acme.call("CreateCustomer", aCustomer().build().put("nickname", "JJ"));

        assertFailure(r, 400, "validation");
        assertThat(r.body().at("/error/details").size()).isEqualTo(1);
        assertThat(r.body().at("/error/details/0/path").asText()).isEqualTo("/nickname");
        assertThat(r.body().at("/error/details/0/message").asText()).startsWith("unknown field 'nickname'; allowed here: first_name");
        assertThat(r.body().at("/error/message").asText()).contains("nickname");
    }

    @Test
    void fieldSentTwiceIsAValidationErrorNotLastOneWins() {
        Api.Response r = acme.call("CreateCustomer", "{\"email\":\"a@example.com\",\"email\":\"b@example.com\"}");

        assertFailure(r, 400, "validation");
        assertThat(r.body().at("/error/message").asText()).contains("Duplicate field 'email'");
    }

    @Test
    void unknownNestedFieldIsNamedWithItsFullPointer() {
        var input = aCustomer().livingIn("US").build();
        ((ObjectNode) input.get("address")).put("planet", "Mars");

        Api.Response r = acme.call("CreateCustomer", input);

        assertFailure(r, 400, "validation");
        assertThat(r.body().at("/error/details/0/path").asText()).isEqualTo("/address/planet");
        assertThat(r.body().at("/error/details/0/message").asText()).contains("unknown field 'planet'", "line1", "country");
    }

    @Test
    void unknownFieldOfAnOperationWithoutInputIsNamed() {
        Api.Response r = acme.call("VerifyAuditLog", Json.object().put("deep", true));

        assertFailure(r, 400, "validation");
        assertThat(r.body().at("/error/details/0/path").asText()).isEqualTo("/deep");
    }

    @Test
    void wrongTypeMissingFieldAndMalformedIdPointAtTheirFields() {
        Api.Response wrongType = acme.call("CreateCustomer", Json.object().put("first_name", 42));
        Api.Response missing = acme.call("GetCustomer", Json.object());
        Api.Response malformedId = acme.call("GetCustomer", customer("abc"));
        Api.Response nullValue = acme.call("CreateCustomer", Json.object().putNull("email"));

        assertFailure(wrongType, 400, "validation");
        assertThat(wrongType.body().at("/error/details/0/path").asText()).isEqualTo("/first_name");
        assertThat(wrongType.body().at("/error/details/0/message").asText()).isEqualTo("must be a string (got an integer)");
        assertFailure(missing, 400, "validation");
        assertThat(missing.body().at("/error/details/0/path").asText()).isEqualTo("/customer_id");
        assertThat(missing.body().at("/error/details/0/message").asText()).isEqualTo("is required");
        assertFailure(malformedId, 400, "validation");
        assertThat(malformedId.body().at("/error/details").findValuesAsText("path")).containsOnly("/customer_id");
        assertFailure(nullValue, 400, "validation");
        assertThat(nullValue.body().at("/error/details/0/path").asText()).isEqualTo("/email");
    }

    @Test
    void severalProblemsAreAllListedWithTheirPointers() {
        Api.Response r = acme.call("CreateCustomer", Json.object().put("first_name", 1).put("status", "asleep").put("x", 0));

        assertFailure(r, 400, "validation");
        assertThat(r.body().at("/error/message").asText()).isEqualTo("3 problems in the request.");
        assertThat(r.body().at("/error/details").findValuesAsText("path")).containsExactly("/first_name", "/status", "/x");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{", "not json", "[]", "\"text\"", "42", "null", "{} {}", "{\"first_name\":\"a\",}"})
    void bodyThatIsNotAJsonObjectIsAValidationError(String body) {
        Api.Response r = acme.call("CreateCustomer", body);

        assertFailure(r, 400, "validation");
    }

    @Test
    void absurdlyNestedOrLongJsonIsAValidationErrorNotAServerError() {
        String deep = "{\"first_name\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
        String longNumber = "{\"limit\":" + "9".repeat(5000) + "}";

        assertFailure(acme.call("CreateCustomer", deep), 400, "validation");
        assertFailure(acme.call("GetCustomers", longNumber), 400, "validation");
    }

    @ParameterizedTest
    @ValueSource(strings = {"first_name", "company", "source"})
    void textWithANulCharacterIsAValidationErrorNotAServerError(String field) {
        Api.Response r = acme.call("CreateCustomer", Json.object().put(field, "Ada\u0000Lovelace"));

        assertFailure(r, 400, "validation");
        assertThat(r.body().at("/error/details/0/path").asText()).isEqualTo("/" + field);
        assertThat(r.body().at("/error/details/0/message").asText()).contains("NUL");
    }

    @Test
    void nulCharacterDeepInAnInputIsPointedAt() {
        String jane = acme.createCustomer();

        Api.Response r = acme.call("InsertMetadata", setMetadata(jane, "tier", "gold", "note", "a\u0000b"));

        assertFailure(r, 400, "validation");
        assertThat(r.body().at("/error/details/0/path").asText()).isEqualTo("/metadata/1/value");
        assertThat(acme.ok("GetMetadata", item(jane)).body().path("metadata").size()).isZero();
    }

    @Test
    void unpairedSurrogateIsRejectedRatherThanStoredAsAQuestionMark() {
        String jane = acme.createCustomer();
        String body = "{\"item_type\":\"customer\",\"item_id\":\"" + jane + "\",\"text\":\"broken \\ud800 text\"}";

        Api.Response r = acme.call("CreateNote", body);

        assertFailure(r, 400, "validation");
        assertThat(r.body().at("/error/details/0/path").asText()).isEqualTo("/text");
        assertThat(acme.ok("CreateNote", note(jane, "emoji are fine 😀")).ok()).isTrue();
    }

    @Test
    void emptyBodyIsAnEmptyInput() {
        HttpRequest request = api.request("/v1/ops/GetCustomers").header("Authorization", "Bearer " + acme.apiKey())
                .header("Content-Type", "application/json").POST(BodyPublishers.noBody()).build();

        assertSuccessWithoutWarnings(api.send(request));
    }

    // --- unauthorized (401)

    @Test
    void callWithoutAnAuthorizationHeaderIsUnauthorized() {
        HttpRequest request = api.request("/v1/ops/GetCustomers").header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString("{}")).build();

        Api.Response r = api.send(request);

        assertFailure(r, 401, "unauthorized");
        assertThat(r.body().at("/error/message").asText()).contains("Authorization: Bearer");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bearer ck_0000000000000000000000000000000000000000", "Bearer not-a-key", "Bearer",
            "Bearer ", "Basic YWxhZGRpbjpvcGVuc2VzYW1l", "ck_0000000000000000000000000000000000000000", "Token abc"})
    void wrongOrMalformedKeyIsUnauthorized(String header) {
        HttpRequest request = api.request("/v1/ops/GetCustomers").header("Authorization", header)
                .header("Content-Type", "application/json").POST(BodyPublishers.ofString("{}")).build();

        assertFailure(api.send(request), 401, "unauthorized");
    }

    @Test
    void keyWithoutItsBearerPrefixIsUnauthorized() {
        HttpRequest request = api.request("/v1/ops/GetCustomers").header("Authorization", acme.apiKey())
                .header("Content-Type", "application/json").POST(BodyPublishers.ofString("{}")).build();

        assertFailure(api.send(request), 401, "unauthorized");
    }

    @Test
    void unauthenticatedCallLearnsNothingAboutOperations() {
        Api.Response unknown = api.call("ck_wrong", "NoSuchOperation", "{}");
        Api.Response known = api.call("ck_wrong", "GetCustomers", "{}");

        assertFailure(unknown, 401, "unauthorized");
        assertThat(unknown.body().path("error")).isEqualTo(known.body().path("error"));
    }

    // --- forbidden (403)

    @Test
    void readOnlyKeyMayReadButNotWrite() {
        String jane = acme.createCustomer();
        Api.Tenant reader = acme.withKeyScoped("read");

        assertSuccessWithoutWarnings(reader.call("GetCustomer", customer(jane)));
        assertSuccessWithoutWarnings(reader.call("GetCustomers", Json.object()));
        for (var call : Map.of("CreateCustomer", aCustomer().build(),
                "EditCustomer", customer(jane).put("first_name", "Eve"), "DeleteCustomer", customer(jane),
                "InsertMetadata", setMetadata(jane, "tier", "gold")).entrySet()) {
            Api.Response r = reader.call(call.getKey(), call.getValue());
            assertFailure(r, 403, "forbidden");
            assertThat(r.body().at("/error/message").asText()).contains("'write' scope", call.getKey());
        }
        assertThat(acme.ok("GetCustomer", customer(jane)).body().at("/customer/first_name").asText()).isEqualTo("Ada");
    }

    @Test
    void writeOnlyKeyMayNotRead() {
        Api.Tenant writer = acme.withKeyScoped("write");

        assertThat(writer.call("CreateCustomer", aCustomer().build()).ok()).isTrue();
        assertFailure(writer.call("GetCustomers", Json.object()), 403, "forbidden");
    }

    // --- not_found (404)

    @Test
    void unknownOperationIsNotFound() {
        Api.Response r = acme.call("DropAllTables", "{}");

        assertFailure(r, 404, "not_found");
        assertThat(r.body().at("/error/message").asText()).contains("DropAllTables", "GET /v1/ops");
    }

    @Test
    void operationNamesAreCaseSensitive() {
        assertFailure(acme.call("getcustomers", "{}"), 404, "not_found");
    }

    @Test
    void unknownIdIsNotFoundWithItsPointer() {
        String nobody = Ids.newId();

        Api.Response r = acme.call("GetCustomer", customer(nobody));

        assertFailure(r, 404, "not_found");
        assertThat(r.body().at("/error/message").asText())
                .isEqualTo("No customer with id " + nobody + " exists. Check the id, or list items to find the right one.");
        assertThat(r.body().at("/error/details/0/path").asText()).isEqualTo("/customer_id");
    }

    @Test
    void anotherTenantsIdIsNotFound() {
        String theirs = api.newTenant("Globex").createCustomer();

        Api.Response r = acme.call("GetCustomer", customer(theirs));

        assertFailure(r, 404, "not_found");
        assertThat(r.body().at("/error/message").asText()).contains(theirs);
    }

    // --- conflict (409)

    @Test
    void restoringALiveCustomerIsAConflict() {
        Api.Response r = acme.call("RestoreCustomer", customer(acme.createCustomer()));

        assertFailure(r, 409, "conflict");
        assertThat(r.body().at("/error/details/0/path").asText()).isEqualTo("/customer_id");
    }

    // --- payload_too_large (413)

    @Test
    void bodyOverOneMebibyteIsTooLarge() {
        String body = "{\"first_name\":\"" + "x".repeat((1 << 20) + 10) + "\"}";

        Api.Response r = acme.call("CreateCustomer", body);

        assertFailure(r, 413, "payload_too_large");
        assertThat(r.body().at("/error/message").asText()).contains("1 MiB");
    }

    @Test
    void bodyOverOneMebibyteIsTooLargeEvenWithoutAContentLength() {
        byte[] body = ("{\"first_name\":\"" + "x".repeat((1 << 20) + 10) + "\"}").getBytes(StandardCharsets.UTF_8);
        HttpRequest chunked = api.request("/v1/ops/CreateCustomer").header("Authorization", "Bearer " + acme.apiKey())
                .header("Content-Type", "application/json")
                .POST(BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build();

        assertFailure(api.send(chunked), 413, "payload_too_large");
    }

    @Test
    void bodyFarOverTheLimitIsStillAnsweredInTheEnvelope() {
        String body = "{\"first_name\":\"" + "x".repeat(3 << 20) + "\"}";

        assertFailure(acme.call("CreateCustomer", body), 413, "payload_too_large");
    }

    @Test
    void bodyJustUnderTheLimitIsRead() {
        String padding = " ".repeat((1 << 20) - 2);

        assertSuccessWithoutWarnings(acme.call("GetCustomers", "{" + padding + "}"));
    }

    // --- unsupported_media_type (415)

    @ParameterizedTest
    @ValueSource(strings = {"application/x-www-form-urlencoded", "text/plain", "multipart/form-data; boundary=x"})
    void bodyThatIsNotDeclaredJsonIsUnsupported(String contentType) {
        HttpRequest request = api.request("/v1/ops/GetCustomers").header("Authorization", "Bearer " + acme.apiKey())
                .header("Content-Type", contentType).POST(BodyPublishers.ofString("first_name=Jane")).build();

        Api.Response r = api.send(request);

        assertFailure(r, 415, "unsupported_media_type");
        assertThat(r.body().at("/error/message").asText()).contains("application/json");
    }

    @Test
    void jsonWithACharsetIsAccepted() {
        HttpRequest request = api.request("/v1/ops/GetCustomers").header("Authorization", "Bearer " + acme.apiKey())
                .header("Content-Type", "application/json; charset=utf-8").POST(BodyPublishers.ofString("{}")).build();

        assertSuccessWithoutWarnings(api.send(request));
    }

    // --- the rule behind them all

    @Test
    void failedCallsChangeNothing() {
        String jane = acme.createCustomer(aCustomer().named("Jane", "Doe"));
        JsonNode before = acme.ok("GetCustomer", customer(jane)).body();

        acme.call("EditCustomer", customer(jane).put("first_name", "Janet").put("email", "broken"));
        acme.call("EditCustomer", customer(jane).put("first_name", "Janet").put("nickname", "JJ"));
        acme.withKeyScoped("read").call("EditCustomer", customer(jane).put("first_name", "Janet"));
        acme.call("InsertMetadata", setMetadata(jane, "tier", "gold", "tier", "silver"));

        JsonNode after = acme.ok("GetCustomer", customer(jane)).body();
        assertThat(after.path("customer")).isEqualTo(before.path("customer"));
        assertThat(after.path("metadata")).isEqualTo(before.path("metadata"));
        assertThat(texts(acme.ok("GetCustomerTimeline", customer(jane)).body().path("entries"), "kind")).containsExactly("created");
    }
}
