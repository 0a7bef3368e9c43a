package io.clientele.commerce;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Where a subscription stands. A trial is a subscription in {@code trial}; leaving it ends the trial.
 * {@code EditSubscription} moves a subscription along {@link #editTargets()}; {@code occurrence_limit}
 * (it renewed as often as agreed) and {@code cancelled} are final.
 */
public enum SubscriptionStatus {
    ACTIVE,
    TRIAL,
    OVERDUE,
    OCCURRENCE_LIMIT,
    SUSPENDED,
    CANCELLED;

    /** The statuses {@code EditSubscription} can move a subscription to (a trial is only ever started). */
    public static final List<SubscriptionStatus> EDIT_TARGETS = List.of(ACTIVE, OVERDUE, OCCURRENCE_LIMIT, SUSPENDED, CANCELLED);

    /** As written in JSON and in the database, e.g. {@code occurrence_limit}. */
    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static SubscriptionStatus fromWire(String wire) {
        return Arrays.stream(values()).filter(s -> s.wire().equals(wire)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not a subscription status: " + wire));
    }

    public static List<String> wires(List<SubscriptionStatus> statuses) {
        return statuses.stream().map(SubscriptionStatus::wire).toList();
    }

    /**
     * Where {@code EditSubscription} may move a subscription in this status: a trial ends (active when its
     * billing succeeded, overdue or cancelled when it did not); an active one falls overdue, is suspended,
     * reaches its occurrence limit or is cancelled; an overdue or suspended one is active again or cancelled
     * (an overdue one may also be suspended).
     */
    public List<SubscriptionStatus> editTargets() {
        return switch (this) {
            case TRIAL -> List.of(ACTIVE, OVERDUE, CANCELLED);
            case ACTIVE -> List.of(OVERDUE, OCCURRENCE_LIMIT, SUSPENDED, CANCELLED);
            case OVERDUE -> List.of(ACTIVE, SUSPENDED, CANCELLED);
            case SUSPENDED -> List.of(ACTIVE, CANCELLED);
            case OCCURRENCE_LIMIT, CANCELLED -> List.of();
        };
    }

    /** Whether a renewal can be recorded on a subscription in this status: not in a trial, not once it ended. */
    public boolean renews() {
        return this == ACTIVE || this == OVERDUE || this == SUSPENDED;
    }
}
