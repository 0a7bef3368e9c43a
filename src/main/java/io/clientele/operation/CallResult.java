package io.clientele.operation;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** The answer to one call, as every surface sends it on: HTTP status and envelope. */
public record CallResult(int httpStatus, ObjectNode body) {
    public boolean succeeded() {
        return body.path("code").asInt() == 1;
    }
}
