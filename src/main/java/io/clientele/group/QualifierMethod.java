package io.clientele.group;

import java.util.Arrays;
import java.util.List;

/** How customers qualify for a group (seed 002): it selects the one qualifier branch that is evaluated. */
public enum QualifierMethod {
    /** Manual or workflow-only membership; no qualifier is evaluated. */
    NONE("none"),
    /** Only {@code qualifiers.specific_values}: filters, values, subscription options. */
    SPECIFIC_VALUES("specific_values"),
    /** Only {@code qualifiers.customer_group}: membership in other groups. */
    CUSTOMER_GROUP("customer_group");

    private final String wire;

    QualifierMethod(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static QualifierMethod fromWire(String wire) {
        return Arrays.stream(values()).filter(m -> m.wire.equals(wire)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown qualifier_method " + wire));
    }

    public static List<String> wires() {
        return Arrays.stream(values()).map(QualifierMethod::wire).toList();
    }
}
