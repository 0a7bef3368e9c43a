package io.clientele.platform;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Amounts of money: a JSON number in the tenant's currency, {@code numeric(14,2)} in PostgreSQL,
 * {@link BigDecimal} in between. Never negative, at most two decimals, at most {@link #MAX}.
 */
public final class Money {
    /** The largest amount {@code numeric(14,2)} holds. */
    public static final BigDecimal MAX = new BigDecimal("99999999999.99");
    public static final BigDecimal CENT = new BigDecimal("0.01");

    private Money() {}

    /**
     * The amount with scale 2, or a validation problem at {@code path}. The input schema already refuses
     * these; this is the second lock, on the exact decimal rather than the parsed JSON number.
     */
    public static BigDecimal check(BigDecimal amount, String path) {
        if (amount.signum() < 0) throw Problem.validation(path, "must be at least 0 (amounts are never negative)");
        if (amount.compareTo(MAX) > 0) throw Problem.validation(path, "must be at most " + MAX.toPlainString());
        if (amount.stripTrailingZeros().scale() > 2) {
            throw Problem.validation(path, "must have at most 2 decimal places, e.g. 19.99 (got " + amount.toPlainString() + ")");
        }
        return amount.setScale(2, RoundingMode.UNNECESSARY);
    }
}
