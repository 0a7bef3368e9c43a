package io.clientele.tenant;

import io.clientele.operation.Scope;
import io.clientele.platform.Ids;
import io.clientele.platform.Problem;
import io.clientele.platform.TenantId;
import io.clientele.platform.Transactions;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Creates tenants and API keys and authenticates keys. A key is {@code ck_} plus 40 random base62
 * characters (238 bits), shown once; only its SHA-256 is stored — a slow hash buys nothing for a
 * random secret of that size, and authentication runs on every request.
 */
public final class Tenants {
    public record NewTenant(TenantId tenantId, String apiKey) {}

    public record KeyOwner(TenantId tenant, String apiKeyId, Set<Scope> scopes) {}

    private static final String KEY_PREFIX = "ck_";
    private static final Duration CACHE_FOR = Duration.ofSeconds(30);

    private final Transactions transactions;
    private final ConcurrentHashMap<String, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(Optional<KeyOwner> owner, Instant until) {}

    public Tenants(Transactions transactions) {
        this.transactions = transactions;
    }

    public static final int MAX_NAME_LENGTH = 200;

    /** A new tenant and its first key (both scopes); the name is trimmed, 1 to 200 characters. */
    public NewTenant createTenant(String name) {
        if (name == null || name.isBlank() || name.strip().length() > MAX_NAME_LENGTH) {
            throw Problem.validation("/name", "is required: the tenant's name, 1 to " + MAX_NAME_LENGTH + " characters");
        }
        if (name.indexOf(0) >= 0) {
            throw Problem.validation("/name", "must not contain the NUL character (\\u0000); remove it");
        }
        String trimmed = name.strip();
        TenantId tenant = new TenantId(Ids.newId());
        Instant now = transactions.clock().instant();
        String key = transactions.asSystem(tenant, tx -> {
            tx.handle().createUpdate("INSERT INTO tenant (id, name, created_at) VALUES (:id, :name, :now)")
                    .bind("id", tenant.value()).bind("name", trimmed).bind("now", now).execute();
            return insertKey(tx.handle(), tenant, EnumSet.allOf(Scope.class), now);
        });
        return new NewTenant(tenant, key);
    }

    /** A new key for an existing tenant; empty if the tenant does not exist. */
    public Optional<String> createApiKey(TenantId tenant, Set<Scope> scopes) {
        Instant now = transactions.clock().instant();
        return transactions.asSystem(tenant, tx -> {
            boolean exists = tx.handle().createQuery("SELECT count(*) FROM tenant WHERE id = :id")
                    .bind("id", tenant.value()).mapTo(Integer.class).one() > 0;
            return exists ? Optional.of(insertKey(tx.handle(), tenant, scopes, now)) : Optional.empty();
        });
    }

    public Optional<KeyOwner> authenticate(String apiKey) {
        if (apiKey == null || !apiKey.startsWith(KEY_PREFIX) || apiKey.length() > 100) return Optional.empty();
        String hash = hex(sha256(apiKey));
        Instant now = transactions.clock().instant();
        Cached cached = cache.get(hash);
        if (cached != null && cached.until().isAfter(now)) return cached.owner();
        Optional<KeyOwner> owner = transactions.jdbi().withHandle(h -> h.createQuery(
                        "SELECT tenant_id, api_key_id, scopes FROM authenticate_api_key(:hash)")
                .bind("hash", sha256(apiKey))
                .map((rs, ctx) -> new KeyOwner(new TenantId(rs.getString(1)), rs.getString(2),
                        scopes((String[]) rs.getArray(3).getArray())))
                .findOne());
        if (cache.size() > 10_000) cache.clear();
        cache.put(hash, new Cached(owner, now.plus(CACHE_FOR)));
        return owner;
    }

    private static Set<Scope> scopes(String[] names) {
        EnumSet<Scope> scopes = EnumSet.noneOf(Scope.class);
        for (String n : names) scopes.add(Scope.valueOf(n.toUpperCase(java.util.Locale.ROOT)));
        return scopes;
    }

    private static String insertKey(org.jdbi.v3.core.Handle handle, TenantId tenant, Set<Scope> scopes, Instant now) {
        String key = KEY_PREFIX + Ids.random(40);
        handle.createUpdate("""
                        INSERT INTO api_key (tenant_id, id, key_hash, key_prefix, scopes, created_at)
                        VALUES (:tenant, :id, :hash, :prefix, :scopes, :now)""")
                .bind("tenant", tenant.value())
                .bind("id", Ids.newId())
                .bind("hash", sha256(key))
                .bind("prefix", key.substring(0, 8))
                .bind("scopes", scopes.stream().map(Scope::wireName).sorted().toArray(String[]::new))
                .bind("now", now)
                .execute();
        return key;
    }

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(byte[] bytes) {
        return java.util.HexFormat.of().formatHex(bytes);
    }
}
