package io.clientele.group;

import java.math.BigDecimal;

/**
 * One {@code {enabled, min, max}} qualifier: when enabled, the figure must satisfy {@code min ≤ v ≤ max};
 * {@code 0..0} means exactly zero. Validation guarantees an enabled range has both bounds and {@code min ≤ max}.
 */
public record Range(boolean enabled, BigDecimal min, BigDecimal max) {
    public boolean holds(BigDecimal value) {
        return !enabled || (value.compareTo(min) >= 0 && value.compareTo(max) <= 0);
    }
}
