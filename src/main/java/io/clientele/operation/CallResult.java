package io.clientele.operation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.DeserializationFeature;
import io.clientele.platform.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The answer to one call, as every surface sends it on: HTTP status and envelope. {@code replayed} says the
 * envelope is an earlier call's answer, sent again for a retry with the same idempotency key.
 *
 * <p>A success is usually held as the JSON text the executor wrote ({@link #bytes}); {@link #body} parses it
 * into a tree only for a surface that wants one (MCP's structured content), so REST sends the text as written.
 */
public final class CallResult {
    private final int httpStatus;
    private final boolean replayed;
    private final boolean succeeded;
    private volatile ObjectNode body;
    private volatile byte[] bytes;

    public CallResult(int httpStatus, ObjectNode body, boolean replayed) {
        this.httpStatus = httpStatus;
        this.body = body;
        this.replayed = replayed;
        this.succeeded = body.path("code").asInt() == 1;
    }

    public CallResult(int httpStatus, ObjectNode body) {
        this(httpStatus, body, false);
    }

    /** A success envelope already written as JSON text. */
    static CallResult written(byte[] bytes) {
        return new CallResult(bytes);
    }

    private CallResult(byte[] bytes) {
        this.httpStatus = 200;
        this.bytes = bytes;
        this.replayed = false;
        this.succeeded = true;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public boolean replayed() {
        return replayed;
    }

    /** The envelope as a tree (parsed from the text when the call answered text). */
    public ObjectNode body() {
        ObjectNode b = body;
        if (b == null) {
            try {
                // Decimals stay BigDecimal, so money keeps its two places (20.00) when the tree is written again.
                b = (ObjectNode) Json.MAPPER.reader().with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).readTree(bytes);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            body = b;
        }
        return b;
    }

    /** The envelope as JSON text (UTF-8), as REST sends it. */
    public byte[] bytes() {
        byte[] b = bytes;
        if (b == null) {
            b = Json.write(body).getBytes(StandardCharsets.UTF_8);
            bytes = b;
        }
        return b;
    }

    public boolean succeeded() {
        return succeeded;
    }

    @Override
    public String toString() {
        return "CallResult[" + httpStatus + (replayed ? ", replayed" : "") + "] " + new String(bytes(), StandardCharsets.UTF_8);
    }
}
