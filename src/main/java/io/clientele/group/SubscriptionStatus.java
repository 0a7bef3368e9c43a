package io.clientele.group;

import java.util.Arrays;
import java.util.List;

/** The subscription statuses {@code subscription_options.status} may list (seed 002). */
public enum SubscriptionStatus {
    ACTIVE, TRIAL, OVERDUE, OCCURRENCE_LIMIT, SUSPENDED, CANCELLED;

    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static SubscriptionStatus fromWire(String wire) {
        return valueOf(wire.toUpperCase(java.util.Locale.ROOT));
    }

    public static List<String> wires() {
        return Arrays.stream(values()).map(SubscriptionStatus::wire).toList();
    }
}
