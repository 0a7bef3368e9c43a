package io.clientele.operation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clientele.platform.Json;
import io.clientele.platform.Problem;
import io.clientele.platform.Tx;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Idempotency keys of write calls, in the call's own transaction. Claiming a key inserts its row; a second
 * call with the same key waits on that row until the first commits, then finds the first answer and replays
 * it, or, when the first call failed and rolled back, claims the key itself. A key is kept for
 * {@link #KEPT_FOR}; after that it may be used for a new request.
 */
final class IdempotencyKeys {
    static final Duration KEPT_FOR = Duration.ofHours(24);
    static final String FIELD = "idempotency_key";
    static final String HEADER = "Idempotency-Key";
    static final int MAX_LENGTH = 255;

    private IdempotencyKeys() {}

    /**
     * The first call's answer when {@code key} was already used for this same request; empty when this call
     * now holds the key and should run. A key used for another request is a conflict.
     */
    static Optional<ObjectNode> claim(Tx tx, String key, String operation, JsonNode input, String apiCallId) {
        byte[] hash = hash(operation, input);
        boolean claimed = tx.handle().createQuery("""
                        INSERT INTO idempotency_key (tenant_id, key, operation, request_hash, api_call_id, created_at)
                        VALUES (:tenant, :key, :operation, :hash, :apiCallId, :now)
                        ON CONFLICT (tenant_id, key) DO UPDATE
                            SET operation = EXCLUDED.operation, request_hash = EXCLUDED.request_hash, response = NULL,
                                api_call_id = EXCLUDED.api_call_id, created_at = EXCLUDED.created_at
                            WHERE idempotency_key.created_at < :expired
                        RETURNING true""")
                .bind("tenant", tx.tenant().value())
                .bind("key", key)
                .bind("operation", operation)
                .bind("hash", hash)
                .bind("apiCallId", apiCallId)
                .bind("now", tx.now())
                .bind("expired", tx.now().minus(KEPT_FOR))
                .mapTo(Boolean.class)
                .findOne()
                .isPresent();
        if (claimed) return Optional.empty();
        record Used(String operation, byte[] hash, String response) {}
        Used used = tx.handle().createQuery("""
                        SELECT operation, request_hash, response::text AS response FROM idempotency_key
                        WHERE tenant_id = :tenant AND key = :key""")
                .bind("tenant", tx.tenant().value())
                .bind("key", key)
                .map((rs, ctx) -> new Used(rs.getString(1), rs.getBytes(2), rs.getString(3)))
                .one();
        if (!Arrays.equals(used.hash(), hash) || used.response() == null) {
            throw Problem.conflict("/" + FIELD, "This idempotency key was already used in the last 24 hours for a different "
                    + (used.operation().equals(operation) ? "request to " + operation : "operation (" + used.operation() + ")")
                    + ". Use a new key for a new request, or resend exactly the first request to get its answer again.");
        }
        return Optional.of((ObjectNode) Json.read(used.response()));
    }

    /** Stores the answer of the call that claimed the key, before its transaction commits. */
    static void complete(Tx tx, String key, ObjectNode answer) {
        tx.handle().createUpdate("UPDATE idempotency_key SET response = CAST(:response AS jsonb) WHERE tenant_id = :tenant AND key = :key")
                .bind("tenant", tx.tenant().value())
                .bind("key", key)
                .bind("response", Json.write(answer))
                .execute();
    }

    /**
     * Deletes keys past {@link #KEPT_FOR}, at most {@code batch} per statement, across tenants: run with the
     * owner's connection (the application role may not delete them, and sees one tenant only). Answers how
     * many were deleted.
     */
    static int sweep(org.jdbi.v3.core.Jdbi owner, java.time.Instant now, int batch) {
        int deleted = 0;
        int last;
        do {
            last = owner.withHandle(h -> h.createUpdate("""
                            DELETE FROM idempotency_key WHERE ctid = ANY (ARRAY(
                                SELECT ctid FROM idempotency_key WHERE created_at < :expired LIMIT :batch))""")
                    .bind("expired", now.minus(KEPT_FOR))
                    .bind("batch", batch)
                    .execute());
            deleted += last;
        } while (last == batch);
        return deleted;
    }

    /** The key's problem, or null when it is usable: 1 to 255 visible ASCII characters. */
    static String problemWith(String key) {
        if (key.isEmpty() || key.length() > MAX_LENGTH) return "must be 1 to " + MAX_LENGTH + " characters";
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c < 0x21 || c > 0x7E) return "must be visible ASCII characters only (no spaces), e.g. a UUID";
        }
        return null;
    }

    /** Same operation and same JSON (whatever the order of object fields) give the same hash. */
    static byte[] hash(String operation, JsonNode input) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(operation.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(Json.write(canonical(input)).getBytes(StandardCharsets.UTF_8));
            return sha.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode canonical(JsonNode node) {
        if (node.isObject()) {
            Map<String, JsonNode> sorted = new TreeMap<>();
            for (Map.Entry<String, JsonNode> field : node.properties()) sorted.put(field.getKey(), canonical(field.getValue()));
            ObjectNode out = Json.object();
            sorted.forEach(out::set);
            return out;
        }
        if (node.isArray()) {
            var out = Json.MAPPER.createArrayNode();
            node.forEach(item -> out.add(canonical(item)));
            return out;
        }
        return node;
    }
}
