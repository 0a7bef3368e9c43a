package io.clientele.commerce.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.clientele.audit.AuditLog;
import io.clientele.platform.Json;
import io.clientele.platform.Problem;
import io.clientele.platform.Tx;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Create-or-update of one catalogue item, the same for every kind: the item of the {@code <type>_id} sent,
 * else the tenant's item with the internal_id sent, else a new one. A change is written and audited in the
 * caller's transaction; an upsert that changes nothing writes nothing.
 */
public final class Upserting {
    public static final String CREATED = "created";
    public static final String UPDATED = "updated";
    public static final String UNCHANGED = "unchanged";
    static final List<String> OUTCOMES = List.of(CREATED, UPDATED, UNCHANGED);

    /** The item as it is now, what happened, and the fields an update changed (snake_case, empty otherwise). */
    record Result<T>(T item, String outcome, List<String> changedFields) {}

    private static final Set<String> TIMESTAMPS = Set.of("created_at", "updated_at");

    private final AuditLog audit;

    public Upserting(AuditLog audit) {
        this.audit = audit;
    }

    /**
     * @param id         the {@code <type>_id} sent, or null
     * @param internalId the internal_id sent, trimmed, or null when none was sent or it was blank
     * @param merge      the item after the upsert from the one before (null when creating); the merge keeps
     *                   the before's id and created_at, or takes a new id and {@code tx.now()}
     */
    <T> Result<T> upsert(Tx tx, CatalogueStore<T> store, String id, String internalId, UnaryOperator<T> merge) {
        // Two calls with one new internal_id would both find nothing and both insert; the second would hit the
        // unique index and fail. Taken first, this lock makes the second wait and then update the first's item.
        if (internalId != null) {
            tx.handle().createQuery("SELECT pg_advisory_xact_lock(hashtext(:table), hashtext(:tenant || '/' || :internalId))")
                    .bind("table", store.table())
                    .bind("tenant", tx.tenant().value())
                    .bind("internalId", internalId)
                    .mapTo(String.class)
                    .one();
        }
        T before;
        if (id != null) {
            before = store.find(tx, id, true).orElseThrow(() -> Problem.notFound(store.itemType(), id));
        } else {
            before = internalId == null ? null : store.findByInternalId(tx, internalId, true).orElse(null);
        }
        T after = merge.apply(before);
        refuseTakenInternalId(tx, store, before, after);
        if (before == null) {
            store.insert(tx, after);
            audit.record(tx, store.itemType(), store.idOf(after), "create", null, after);
            return new Result<>(after, CREATED, List.of());
        }
        List<String> changed = changedFields(before, after);
        if (changed.isEmpty()) return new Result<>(before, UNCHANGED, List.of());
        store.update(tx, after);
        audit.record(tx, store.itemType(), store.idOf(after), "update", before, after);
        return new Result<>(after, UPDATED, changed);
    }

    /** An internal_id names one item of a kind per tenant; giving it to a second one is a conflict, not a move. */
    private static <T> void refuseTakenInternalId(Tx tx, CatalogueStore<T> store, T before, T after) {
        String wanted = store.internalIdOf(after);
        if (wanted == null || (before != null && wanted.equals(store.internalIdOf(before)))) return;
        store.findByInternalId(tx, wanted, false)
                .filter(holder -> !store.idOf(holder).equals(store.idOf(after)))
                .ifPresent(holder -> {
                    String holderId = store.idOf(holder);
                    throw Problem.conflict("/internal_id", "The " + store.itemType().replace('_', ' ') + " " + holderId
                            + " already has internal_id '" + wanted + "'. Send " + store.itemType() + "_id " + holderId
                            + " to update that one, or leave " + store.itemType() + "_id out to upsert by internal_id.");
                });
    }

    private static List<String> changedFields(Object before, Object after) {
        JsonNode from = Json.tree(before);
        JsonNode to = Json.tree(after);
        List<String> changed = new ArrayList<>();
        from.fieldNames().forEachRemaining(field -> {
            if (!TIMESTAMPS.contains(field) && !Objects.equals(from.get(field), to.get(field))) changed.add(field);
        });
        return changed;
    }

    /** The result sentence, e.g. "Product updated: price, sku." */
    static String sentence(String kind, Result<?> r) {
        return switch (r.outcome()) {
            case CREATED -> kind + " created.";
            case UPDATED -> kind + " updated: " + String.join(", ", r.changedFields()) + ".";
            default -> kind + " unchanged: it already had every value sent.";
        };
    }

    /** The edit rule of every catalogue field: not sent keeps the current value, an empty string clears it. */
    static String pick(String current, String given) {
        if (given == null) return current;
        return given.isBlank() ? null : given.strip();
    }

    /** A name, which every upsert sends and no item goes without. */
    static String name(String given) {
        if (given.isBlank()) throw Problem.validation("/name", "must not be blank; send the item's name");
        return given.strip();
    }

    /** The internal_id to look an item up by: trimmed, or null when not sent or blank. */
    static String lookupKey(String internalId) {
        return internalId == null || internalId.isBlank() ? null : internalId.strip();
    }
}
