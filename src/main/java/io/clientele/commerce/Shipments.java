package io.clientele.commerce;

import io.clientele.audit.AuditLog;
import io.clientele.commerce.internal.SaleStore;
import io.clientele.commerce.internal.ShippingStore;
import io.clientele.customer.Customers;
import io.clientele.event.Events;
import io.clientele.event.Notation;
import io.clientele.platform.Ids;
import io.clientele.platform.Problem;
import io.clientele.platform.Tx;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Shipments of sales (item type {@code shipping}): created, then shipped, delivered, or returned, each
 * move along {@link ShippingStatus#editTargets()}, validated, audited and announced in the caller's
 * transaction. Shipments move no lifetime value figure.
 */
public final class Shipments {
    /** How far in the future a shipped, delivered or returned time may be, for clocks that disagree a little. */
    public static final Duration SKEW = Duration.ofMinutes(5);

    /** Carrier and tracking, as sent: null leaves a field as it is; blank clears it. */
    public record Tracking(String carrier, String trackingNumber, String trackingUrl) {}

    /** A change: the shipment before and after. */
    public record Change(Shipping before, Shipping after) {}

    private final ShippingStore store;
    private final SaleStore sales;
    private final Customers customers;
    private final Events events;
    private final AuditLog audit;

    public Shipments(ShippingStore store, SaleStore sales, Customers customers, Events events, AuditLog audit) {
        this.store = store;
        this.sales = sales;
        this.customers = customers;
        this.events = events;
        this.audit = audit;
    }

    /**
     * Records a shipment of a successful sale, in status created, or shipped when {@code shippedAt} is
     * given. Emits {@code shipping.created} (and {@code shipping.updated.shipped} when created shipped).
     */
    public Shipping create(Tx tx, String saleId, Tracking tracking, Instant shippedAt) {
        checkTime(tx, shippedAt, "/shipped_at");
        checkUrl(tracking.trackingUrl());
        Sale sale = sales.find(tx, saleId, false)
                .filter(s -> customers.find(tx, s.customerId()).isPresent())
                .orElseThrow(() -> Problem.notFound("sale", saleId));
        if (!sale.status().isSuccessful()) {
            throw Problem.conflict("/sale_id", "Sale " + saleId + " is " + sale.status().wire() + "; only a sale that was paid"
                    + " (paid, partially_refunded or refunded) is shipped.");
        }
        Shipping s = new Shipping(Ids.newId(), saleId, sale.customerId(),
                shippedAt == null ? ShippingStatus.CREATED : ShippingStatus.SHIPPED, clean(tracking.carrier()),
                clean(tracking.trackingNumber()), clean(tracking.trackingUrl()), shippedAt, null, null, tx.now(), tx.now());
        store.insert(tx, s);
        audit.recordAll(tx, List.of(new AuditLog.Change("shipping", s.shippingId(), "create", null, s)));
        List<Events.NewEvent> announced = new java.util.ArrayList<>();
        announced.add(new Events.NewEvent(Notation.SHIPPING_CREATED, "shipping", s.shippingId(), s.customerId(),
                Map.of("shipping", s)));
        if (s.status() == ShippingStatus.SHIPPED) {
            announced.add(new Events.NewEvent(Notation.SHIPPING_UPDATED_SHIPPED, "shipping", s.shippingId(), s.customerId(),
                    payload(s, ShippingStatus.CREATED)));
        }
        events.emitAll(tx, announced);
        return s;
    }

    public Shipping get(Tx tx, String shippingId) {
        return find(tx, shippingId, false);
    }

    /** A sale's shipments, oldest first (for GetSale). */
    public List<Shipping> ofSale(Tx tx, String saleId) {
        return store.ofSale(tx, saleId);
    }

    /**
     * Moves a shipment to {@code to} (when given), at {@code at} (default now), and changes its carrier
     * and tracking (when given). A move emits {@code shipping.updated.<status>}; a tracking change alone
     * is audited and emits nothing.
     */
    public Change edit(Tx tx, String shippingId, ShippingStatus to, Instant at, Tracking tracking) {
        boolean trackingSent = tracking.carrier() != null || tracking.trackingNumber() != null || tracking.trackingUrl() != null;
        if (to == null && !trackingSent) {
            throw Problem.validation("/status", "send status, or carrier, tracking_number or tracking_url to change");
        }
        if (to == null && at != null) {
            throw Problem.validation("/at", "at is when the status move happened; send status with it");
        }
        checkTime(tx, at, "/at");
        checkUrl(tracking.trackingUrl());
        Shipping before = find(tx, shippingId, true);
        if (to != null && !before.status().editTargets().contains(to)) {
            List<ShippingStatus> allowed = before.status().editTargets();
            throw Problem.conflict("/status", "Shipping " + shippingId + " is " + before.status().wire() + ", so it cannot become "
                    + to.wire() + ": " + (allowed.isEmpty() ? "its status can no longer change."
                    : "it can move to " + String.join(" or ", ShippingStatus.wires(allowed)) + " only."));
        }
        Instant when = Objects.requireNonNullElse(at, tx.now());
        ShippingStatus status = to == null ? before.status() : to;
        Shipping after = new Shipping(before.shippingId(), before.saleId(), before.customerId(), status,
                pick(before.carrier(), tracking.carrier()), pick(before.trackingNumber(), tracking.trackingNumber()),
                pick(before.trackingUrl(), tracking.trackingUrl()),
                to == ShippingStatus.SHIPPED ? when : before.shippedAt(),
                to == ShippingStatus.DELIVERED ? when : before.deliveredAt(),
                to == ShippingStatus.RETURNED ? when : before.returnedAt(), before.createdAt(), tx.now());
        if (sameContent(before, after)) return new Change(before, before);
        store.update(tx, after);
        audit.recordAll(tx, List.of(new AuditLog.Change("shipping", shippingId, "update", before, after)));
        if (to != null) {
            events.emit(tx, switch (to) {
                case SHIPPED -> Notation.SHIPPING_UPDATED_SHIPPED;
                case DELIVERED -> Notation.SHIPPING_UPDATED_DELIVERED;
                case RETURNED -> Notation.SHIPPING_UPDATED_RETURNED;
                case CREATED -> throw new IllegalStateException("no edit moves a shipment to created");
            }, "shipping", shippingId, after.customerId(), payload(after, before.status()));
        }
        return new Change(before, after);
    }

    /** The customer of a shipment, when it exists in the tenant and its customer is live (for {@code ItemTypes}). */
    public Optional<String> customerOfShipping(Tx tx, String shippingId) {
        return store.customerOf(tx, shippingId).filter(c -> customers.find(tx, c).isPresent());
    }

    private Shipping find(Tx tx, String shippingId, boolean forUpdate) {
        return store.find(tx, shippingId, forUpdate)
                .filter(s -> customers.find(tx, s.customerId()).isPresent())
                .orElseThrow(() -> Problem.notFound("shipping", shippingId));
    }

    private static Map<String, Object> payload(Shipping s, ShippingStatus previous) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("shipping", s);
        payload.put("previous_status", previous);
        return payload;
    }

    private static boolean sameContent(Shipping a, Shipping b) {
        return a.status() == b.status() && Objects.equals(a.carrier(), b.carrier())
                && Objects.equals(a.trackingNumber(), b.trackingNumber()) && Objects.equals(a.trackingUrl(), b.trackingUrl());
    }

    private static void checkTime(Tx tx, Instant at, String path) {
        if (at != null && at.isAfter(tx.now().plus(SKEW))) {
            throw Problem.validation(path, "is in the future (" + at + "); send when it happened, in UTC, or leave it out for now");
        }
    }

    private static void checkUrl(String url) {
        if (url == null || url.isBlank()) return;
        try {
            URI uri = new URI(url.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) return;
        } catch (URISyntaxException e) {
            // answered below
        }
        throw Problem.validation("/tracking_url", "must be an absolute http or https address, e.g. https://track.example.com/1Z999");
    }

    /** The new value when sent (blank clears it), else the old one. */
    private static String pick(String old, String sent) {
        return sent == null ? old : clean(sent);
    }

    private static String clean(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
