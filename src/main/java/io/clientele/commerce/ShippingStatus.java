package io.clientele.commerce;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Where a shipment stands: created, then shipped, then delivered; a shipped or delivered one may come back. */
public enum ShippingStatus {
    CREATED,
    SHIPPED,
    DELIVERED,
    RETURNED;

    /** The statuses {@code EditShipping} can move a shipment to. */
    public static final List<ShippingStatus> EDIT_TARGETS = List.of(SHIPPED, DELIVERED, RETURNED);

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static ShippingStatus fromWire(String wire) {
        return Arrays.stream(values()).filter(s -> s.wire().equals(wire)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not a shipping status: " + wire));
    }

    public static List<String> wires(List<ShippingStatus> statuses) {
        return statuses.stream().map(ShippingStatus::wire).toList();
    }

    /** Created is shipped; shipped is delivered or returned; delivered may be returned; returned is final. */
    public List<ShippingStatus> editTargets() {
        return switch (this) {
            case CREATED -> List.of(SHIPPED);
            case SHIPPED -> List.of(DELIVERED, RETURNED);
            case DELIVERED -> List.of(RETURNED);
            case RETURNED -> List.of();
        };
    }
}
