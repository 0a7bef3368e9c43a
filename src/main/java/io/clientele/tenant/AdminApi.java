package io.clientele.tenant;

import com.fasterxml.jackson.databind.JsonNode;
import io.clientele.operation.Scope;
import io.clientele.platform.ErrorType;
import io.clientele.platform.Ids;
import io.clientele.platform.Json;
import io.clientele.platform.Problem;
import io.clientele.platform.TenantId;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The admin API of CONTRACT.md: create tenants and API keys, with the admin token as Bearer.
 * Answers in the same envelopes as operations.
 */
public final class AdminApi {
    private final Tenants tenants;
    private final byte[] adminToken;
    private final Clock clock;

    public AdminApi(Tenants tenants, String adminToken, Clock clock) {
        this.tenants = tenants;
        this.adminToken = adminToken.getBytes(StandardCharsets.UTF_8);
        this.clock = clock;
    }

    public void routes(JavalinConfig config) {
        config.routes.post("/admin/v1/tenants", this::createTenant);
        config.routes.post("/admin/v1/tenants/{tenant_id}/api-keys", this::createApiKey);
    }

    private void createTenant(Context ctx) {
        if (!authorized(ctx)) return;
        JsonNode body = body(ctx);
        if (body == null) return;
        JsonNode name = body.get("name");
        var unknown = unknownFields(body, Set.of("name"));
        if (!unknown.isEmpty()) {
            fail(ctx, Problem.validation("/" + unknown.get(0), "unknown field '" + unknown.get(0) + "'; allowed here: name"));
            return;
        }
        if (name != null && !name.isTextual()) {
            fail(ctx, Problem.validation("/name", "must be a string: the tenant's name, 1 to 200 characters"));
            return;
        }
        Tenants.NewTenant created;
        try {
            created = tenants.createTenant(name == null ? null : name.asText());
        } catch (Problem problem) {
            fail(ctx, problem);
            return;
        }
        ctx.status(201).json(Json.object().put("tenant_id", created.tenantId().value()).put("api_key", created.apiKey()));
    }

    private void createApiKey(Context ctx) {
        if (!authorized(ctx)) return;
        JsonNode body = body(ctx);
        if (body == null) return;
        var unknown = unknownFields(body, Set.of("scopes"));
        if (!unknown.isEmpty()) {
            fail(ctx, Problem.validation("/" + unknown.get(0), "unknown field '" + unknown.get(0) + "'; allowed here: scopes"));
            return;
        }
        Set<Scope> scopes = EnumSet.allOf(Scope.class);
        if (body.has("scopes")) {
            scopes = EnumSet.noneOf(Scope.class);
            JsonNode list = body.get("scopes");
            boolean ok = list.isArray() && !list.isEmpty();
            if (ok) for (JsonNode s : list) {
                if (s.isTextual() && (s.asText().equals("read") || s.asText().equals("write"))) scopes.add(Scope.valueOf(s.asText().toUpperCase()));
                else ok = false;
            }
            if (!ok) {
                fail(ctx, Problem.validation("/scopes", "must be a non-empty list of 'read' and/or 'write'"));
                return;
            }
        }
        String tenantId = ctx.pathParam("tenant_id");
        var key = Ids.isId(tenantId) ? tenants.createApiKey(new TenantId(tenantId), scopes) : java.util.Optional.<String>empty();
        if (key.isEmpty()) {
            fail(ctx, Problem.notFound("tenant", tenantId.length() > 40 ? tenantId.substring(0, 40) : tenantId, "/tenant_id"));
            return;
        }
        ctx.status(201).json(Json.object().put("api_key", key.get()));
    }

    private boolean authorized(Context ctx) {
        String header = ctx.header("Authorization");
        String token = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).strip() : "";
        if (MessageDigest.isEqual(adminToken, token.getBytes(StandardCharsets.UTF_8))) return true;
        fail(ctx, Problem.of(ErrorType.UNAUTHORIZED, "The admin API needs 'Authorization: Bearer <admin token>' "
                + "(CLIENTELE_ADMIN_TOKEN, or the token in <data-dir>/admin-token)."));
        return false;
    }

    private JsonNode body(Context ctx) {
        String contentType = ctx.contentType();
        if (contentType != null && !Json.isJsonMediaType(contentType)) {
            fail(ctx, Problem.of(ErrorType.UNSUPPORTED_MEDIA_TYPE, "Send JSON with 'Content-Type: application/json'."));
            return null;
        }
        if (ctx.contentLength() > 64 * 1024) {
            fail(ctx, Problem.of(ErrorType.PAYLOAD_TOO_LARGE, "The admin request body is limited to 64 KiB."));
            return null;
        }
        try {
            String text = ctx.body();
            JsonNode node = text.isBlank() ? Json.object() : Json.MAPPER.readTree(text);
            if (!node.isObject()) throw new IllegalArgumentException();
            return node;
        } catch (Exception e) {
            fail(ctx, Problem.validation("", "The request body must be a JSON object."));
            return null;
        }
    }

    private static List<String> unknownFields(JsonNode body, Set<String> allowed) {
        var out = new java.util.ArrayList<String>();
        body.fieldNames().forEachRemaining(f -> {
            if (!allowed.contains(f)) out.add(f);
        });
        return out;
    }

    private void fail(Context ctx, Problem problem) {
        ctx.status(problem.type().httpStatus()).json(
                io.clientele.operation.Envelope.failure(Ids.newId(), clock.instant().getEpochSecond(), problem));
    }
}
