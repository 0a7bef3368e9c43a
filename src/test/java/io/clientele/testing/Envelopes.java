package io.clientele.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;

/** Assertions on the envelopes of CONTRACT.md, field for field. */
public final class Envelopes {
    private Envelopes() {}

    /** A success: HTTP 200, code 1, a call id and time, a result sentence, and no warnings key. */
    public static void assertSuccessWithoutWarnings(Api.Response r) {
        assertThat(r.status()).as("status of %s", r.body()).isEqualTo(200);
        JsonNode body = r.body();
        assertCallIdAndTime(body);
        assertThat(body.path("code").isInt()).isTrue();
        assertThat(body.path("code").asInt()).isEqualTo(1);
        assertThat(body.path("result").asText()).isNotBlank();
        assertThat(body.has("error")).isFalse();
        assertThat(body.has("warnings")).as("warnings key on a call without warnings").isFalse();
    }

    /** A failure: the status of its type, code 0, and exactly {type, message, details} under error. */
    public static void assertFailure(Api.Response r, int status, String type) {
        assertThat(r.status()).as("status of %s", r.body()).isEqualTo(status);
        JsonNode body = r.body();
        assertThat(Nodes.fieldNames(body)).containsExactly("api_call_id", "api_call_unix", "code", "error");
        assertCallIdAndTime(body);
        assertThat(body.path("code").isInt()).isTrue();
        assertThat(body.path("code").asInt()).isZero();
        JsonNode error = body.path("error");
        assertThat(Nodes.fieldNames(error)).containsExactly("type", "message", "details");
        assertThat(error.path("type").asText()).isEqualTo(type);
        assertThat(error.path("message").asText()).isNotBlank();
        assertThat(error.path("details").isArray()).isTrue();
        error.path("details").forEach(d -> {
            assertThat(Nodes.fieldNames(d)).containsExactly("path", "message");
            assertThat(d.path("path").asText()).matches("^(/.*)?$");
        });
    }

    private static void assertCallIdAndTime(JsonNode body) {
        assertThat(body.path("api_call_id").asText()).matches("^[0-9A-Za-z]{20}$");
        assertThat(body.path("api_call_unix").isIntegralNumber()).isTrue();
        assertThat(body.path("api_call_unix").asLong()).isPositive();
    }
}
