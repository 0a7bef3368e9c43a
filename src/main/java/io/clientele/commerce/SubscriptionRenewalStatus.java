package io.clientele.commerce;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The outcome of a renewal's billing. A failed or overdue renewal may still be salvaged ({@code success});
 * {@code EditSubscriptionRenewal} moves it along {@link #editTargets()}. A successful renewal is final
 * (refunds are recorded with {@code CreateRefund}).
 */
public enum SubscriptionRenewalStatus {
    SUCCESS,
    FAILED,
    OVERDUE;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static SubscriptionRenewalStatus fromWire(String wire) {
        return Arrays.stream(values()).filter(s -> s.wire().equals(wire)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not a subscription renewal status: " + wire));
    }

    public static List<String> wires(List<SubscriptionRenewalStatus> statuses) {
        return statuses.stream().map(SubscriptionRenewalStatus::wire).toList();
    }

    /** A failed renewal is salvaged or falls overdue; an overdue one is salvaged or fails for good. */
    public List<SubscriptionRenewalStatus> editTargets() {
        return switch (this) {
            case FAILED -> List.of(SUCCESS, OVERDUE);
            case OVERDUE -> List.of(SUCCESS, FAILED);
            case SUCCESS -> List.of();
        };
    }
}
