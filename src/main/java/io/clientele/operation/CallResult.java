package io.clientele.operation;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The answer to one call, as every surface sends it on: HTTP status and envelope. {@code replayed} says the
 * envelope is an earlier call's answer, sent again for a retry with the same idempotency key.
 */
public record CallResult(int httpStatus, ObjectNode body, boolean replayed) {
    public CallResult(int httpStatus, ObjectNode body) {
        this(httpStatus, body, false);
    }

    public boolean succeeded() {
        return body.path("code").asInt() == 1;
    }
}
