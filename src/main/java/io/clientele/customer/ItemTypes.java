package io.clientele.customer;

import io.clientele.platform.Tx;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The item types that notes and metadata attach to, and how to find each item's customer. The customer
 * feature registers {@code customer}; commerce registers sale, product_sale, shipping, subscription and
 * subscription_renewal. Features register before the operations are built, so schemas list every type.
 */
public final class ItemTypes {
    /** Finds the customer an item belongs to; empty when the item does not exist in the tenant. */
    @FunctionalInterface
    public interface Lookup {
        Optional<String> customerOf(Tx tx, String itemId);
    }

    private final Map<String, Lookup> lookups = new LinkedHashMap<>();

    public void register(String itemType, Lookup lookup) {
        if (lookups.putIfAbsent(itemType, lookup) != null) throw new IllegalStateException("item type registered twice: " + itemType);
    }

    public List<String> names() {
        return List.copyOf(lookups.keySet());
    }

    /** The item's customer id, or empty when no such item exists for this tenant. */
    public Optional<String> customerOf(Tx tx, String itemType, String itemId) {
        Lookup lookup = lookups.get(itemType);
        return lookup == null ? Optional.empty() : lookup.customerOf(tx, itemId);
    }
}
