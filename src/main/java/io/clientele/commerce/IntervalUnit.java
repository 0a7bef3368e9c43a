package io.clientele.commerce;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The unit of a subscription's billing interval: it renews every {@code interval_count} of these. */
public enum IntervalUnit {
    DAY,
    WEEK,
    MONTH,
    YEAR;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static IntervalUnit fromWire(String wire) {
        return Arrays.stream(values()).filter(s -> s.wire().equals(wire)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not an interval unit: " + wire));
    }

    public static List<String> wires() {
        return Arrays.stream(values()).map(IntervalUnit::wire).toList();
    }
}
