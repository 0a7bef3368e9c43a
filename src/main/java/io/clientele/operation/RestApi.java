package io.clientele.operation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.clientele.platform.ErrorType;
import io.clientele.platform.Ids;
import io.clientele.platform.Json;
import io.clientele.platform.Origin;
import io.clientele.platform.Problem;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.Optional;

/**
 * The REST surface: {@code POST /v1/ops/{Operation}}, {@code GET /v1/ops}, {@code GET /v1/openapi.json}.
 * It authenticates, reads the body within the limits, and hands over to the executor; it has no logic
 * of its own.
 */
public final class RestApi {
    public static final int MAX_BODY_BYTES = 1 << 20;
    private static final long DISCARD_LIMIT = 8L * MAX_BODY_BYTES;

    private final OperationExecutor executor;
    private final Authenticator authenticator;
    private final Clock clock;
    private final String openApi;
    private final String operationList;

    public RestApi(OperationExecutor executor, Authenticator authenticator, Clock clock, String version) {
        this.executor = executor;
        this.authenticator = authenticator;
        this.clock = clock;
        this.openApi = Json.write(OpenApi.document(executor.registry(), version));
        ArrayNode ops = Json.MAPPER.createArrayNode();
        executor.registry().all().forEach(op -> ops.add(op.describe()));
        this.operationList = Json.write(Json.object().set("operations", ops));
    }

    public void routes(JavalinConfig config) {
        config.routes.post("/v1/ops/{operation}", this::call);
        config.routes.get("/v1/ops", ctx -> ctx.contentType("application/json").result(operationList));
        config.routes.get("/v1/openapi.json", ctx -> ctx.contentType("application/json").result(openApi));
    }

    private void call(Context ctx) {
        Origin origin = origin(ctx);
        Optional<Caller> caller = authenticator.authenticate(bearer(ctx), origin);
        if (caller.isEmpty()) {
            discardBody(ctx);
            reject(ctx, ErrorType.UNAUTHORIZED, "A valid API key is required: send 'Authorization: Bearer <api key>'. "
                    + "Keys are created with POST /admin/v1/tenants.");
            return;
        }
        String operation = ctx.pathParam("operation");
        String contentType = ctx.contentType();
        if (contentType != null && !Json.isJsonMediaType(contentType)) {
            discardBody(ctx);
            refuse(ctx, caller.get(), operation, ErrorType.UNSUPPORTED_MEDIA_TYPE,
                    "Send the body as JSON with 'Content-Type: application/json' (got '" + truncate(contentType) + "').");
            return;
        }
        byte[] body;
        try {
            body = readLimited(ctx);
        } catch (IOException e) {
            refuse(ctx, caller.get(), operation, ErrorType.VALIDATION, "The request body could not be read.");
            return;
        }
        if (body == null) {
            refuse(ctx, caller.get(), operation, ErrorType.PAYLOAD_TOO_LARGE,
                    "The request body is larger than 1 MiB; split the work into smaller calls.");
            return;
        }
        JsonNode input;
        try {
            input = body.length == 0 ? Json.object() : Json.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            refuse(ctx, caller.get(), operation, ErrorType.VALIDATION,
                    "The request body is not valid JSON" + where + ": " + e.getOriginalMessage());
            return;
        } catch (IOException e) {
            refuse(ctx, caller.get(), operation, ErrorType.VALIDATION, "The request body is not valid JSON.");
            return;
        }
        answer(ctx, executor.call(caller.get(), operation, input, ctx.header(IdempotencyKeys.HEADER)));
    }

    /** An authenticated call whose body cannot be used: the executor answers and records it. */
    private void refuse(Context ctx, Caller caller, String operation, ErrorType type, String message) {
        answer(ctx, executor.refuse(caller, operation, Problem.of(type, message)));
    }

    private static void answer(Context ctx, CallResult result) {
        if (result.replayed()) ctx.header("Idempotent-Replayed", "true");
        ctx.status(result.httpStatus()).contentType("application/json").result(result.bytes());
    }

    /** The body, or null when it exceeds {@link #MAX_BODY_BYTES}. */
    private static byte[] readLimited(Context ctx) throws IOException {
        try (InputStream in = ctx.bodyInputStream()) {
            byte[] bytes = ctx.contentLength() > MAX_BODY_BYTES ? null : in.readNBytes(MAX_BODY_BYTES + 1);
            if (bytes != null && bytes.length <= MAX_BODY_BYTES) return bytes;
            discard(in);
            return null;
        }
    }

    /**
     * Reads and drops a body that will not be used (up to {@link #DISCARD_LIMIT}) before answering: a
     * client still sending it would otherwise see its connection reset instead of the answer.
     */
    private static void discardBody(Context ctx) {
        try (InputStream in = ctx.bodyInputStream()) {
            discard(in);
        } catch (IOException e) {
            // Closing failed; the answer goes out anyway.
        }
    }

    private static void discard(InputStream in) {
        byte[] buffer = new byte[64 * 1024];
        long left = DISCARD_LIMIT;
        try {
            int n;
            while (left > 0 && (n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) >= 0) left -= n;
        } catch (IOException e) {
            // The client went away; the answer goes out anyway.
        }
    }

    private void reject(Context ctx, ErrorType type, String message) {
        ctx.status(type.httpStatus()).contentType("application/json")
                .result(Json.write(Envelope.failure(Ids.newId(), clock.instant().getEpochSecond(), type, message)));
    }

    static String bearer(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) return null;
        return header.substring(7).strip();
    }

    private static Origin origin(Context ctx) {
        return new Origin(ctx.ip(), ctx.userAgent());
    }

    private static String truncate(String s) {
        return s.length() > 100 ? s.substring(0, 100) : s;
    }
}
