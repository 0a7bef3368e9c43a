package io.clientele.commerce;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Where a sale stands. A sale is created in one of the first four; {@code EditSale} moves it along
 * {@link #editTargets()}, and refunds move a successful sale to partially refunded or refunded.
 */
public enum SaleStatus {
    PAID,
    PENDING_DECLINED,
    PENDING_ABANDONED,
    FAILED_DECLINED,
    VOID,
    PARTIALLY_REFUNDED,
    REFUNDED;

    /** The statuses a sale can be created in. */
    public static final List<SaleStatus> INITIAL = List.of(PAID, PENDING_DECLINED, PENDING_ABANDONED, FAILED_DECLINED);

    /** The statuses {@code EditSale} can move a sale to (refunds have their own operation). */
    public static final List<SaleStatus> EDIT_TARGETS = List.of(PAID, FAILED_DECLINED, VOID);

    // Read and written for every sale of every profile: computed once, not per call.
    private final String wire = name().toLowerCase(Locale.ROOT);
    private static final Map<String, SaleStatus> BY_WIRE = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(SaleStatus::wire, s -> s));

    /** As written in JSON and in the database, e.g. {@code pending_declined}. */
    @JsonValue
    public String wire() {
        return wire;
    }

    @JsonCreator
    public static SaleStatus fromWire(String wire) {
        SaleStatus status = wire == null ? null : BY_WIRE.get(wire);
        if (status == null) throw new IllegalArgumentException("not a sale status: " + wire);
        return status;
    }

    public static List<String> wires(List<SaleStatus> statuses) {
        return statuses.stream().map(SaleStatus::wire).toList();
    }

    /** Money was taken: paid, and paid sales that were later refunded in part or in full. */
    public boolean isSuccessful() {
        return this == PAID || this == PARTIALLY_REFUNDED || this == REFUNDED;
    }

    /** Not paid yet but recoverable: declined or abandoned. */
    public boolean isPending() {
        return this == PENDING_DECLINED || this == PENDING_ABANDONED;
    }

    /** Where {@code EditSale} may move a sale in this status: a pending sale is salvaged or fails, a paid one is voided. */
    public List<SaleStatus> editTargets() {
        return switch (this) {
            case PENDING_DECLINED, PENDING_ABANDONED -> List.of(PAID, FAILED_DECLINED);
            case PAID -> List.of(VOID);
            case FAILED_DECLINED, VOID, PARTIALLY_REFUNDED, REFUNDED -> List.of();
        };
    }

    /** Whether a refund may be taken from a sale in this status. */
    public boolean isRefundable() {
        return this == PAID || this == PARTIALLY_REFUNDED;
    }
}
