package io.clientele.commerce;

import io.clientele.audit.AuditLog;
import io.clientele.commerce.internal.LifetimeValueDelta;
import io.clientele.commerce.internal.LifetimeValueStore;
import io.clientele.commerce.internal.RenewalFigures;
import io.clientele.commerce.internal.SaleStore;
import io.clientele.commerce.internal.SubscriptionStore;
import io.clientele.customer.Customers;
import io.clientele.event.Events;
import io.clientele.event.Notation;
import io.clientele.operation.PageCursor;
import io.clientele.platform.Ids;
import io.clientele.platform.Money;
import io.clientele.platform.Problem;
import io.clientele.platform.Tx;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The subscriptions API: subscriptions (a trial is a subscription in status trial), their renewals, and
 * refunds of renewals. Every write is validated, audited, announced, and moves its customer's lifetime
 * value by a delta, all in the caller's transaction. Statuses move only along
 * {@link SubscriptionStatus#editTargets()} and {@link SubscriptionRenewalStatus#editTargets()}.
 */
public final class Subscriptions {
    public static final int MAX_INTERVAL_COUNT = 1000;
    public static final int MAX_OCCURRENCE_LIMIT = 100_000;
    /** How far in the future {@code started_at} and {@code renewed_at} may be, for clocks that disagree a little. */
    public static final Duration SKEW = Duration.ofMinutes(5);

    private static final BigDecimal ZERO = BigDecimal.ZERO.setScale(2);

    /** A subscription with its renewals, oldest renewed first. */
    public record Details(Subscription subscription, List<SubscriptionRenewal> renewals) {}

    /** A status change: the subscription before and after. */
    public record Transition(Subscription before, Subscription after) {}

    /** A renewal status change: the renewal before and after. */
    public record RenewalTransition(SubscriptionRenewal before, SubscriptionRenewal after) {}

    /** A refund of a renewal: the refund and the renewal after it. */
    public record Refunded(Refund refund, SubscriptionRenewal renewal) {}

    /** One page of a customer's subscriptions, and the cursor of the next (null on the last). */
    public record Page(List<Subscription> subscriptions, String nextCursor) {}

    private final SubscriptionStore store;
    private final SaleStore sales;
    private final LifetimeValueStore lifetimeValues;
    private final Catalogue catalogue;
    private final Customers customers;
    private final Events events;
    private final AuditLog audit;

    public Subscriptions(SubscriptionStore store, SaleStore sales, LifetimeValueStore lifetimeValues, Catalogue catalogue,
                         Customers customers, Events events, AuditLog audit) {
        this.store = store;
        this.sales = sales;
        this.lifetimeValues = lifetimeValues;
        this.catalogue = catalogue;
        this.customers = customers;
        this.events = events;
        this.audit = audit;
    }

    // ------------------------------------------------------------------ subscriptions

    /**
     * Records a subscription. A trial ({@code status: trial}) needs {@code trial_ends_at}; other statuses
     * may be sent for history imports. Emits {@code subscription.created}, and {@code trial.created} too
     * when it starts as a trial.
     */
    public Subscription create(Tx tx, NewSubscription in) {
        List<Problem.Detail> problems = new ArrayList<>();
        SubscriptionStatus status = Objects.requireNonNullElse(in.status(), SubscriptionStatus.ACTIVE);
        if (in.productId() == null) problems.add(new Problem.Detail("/product_id", "required: the product subscribed to"));
        if (in.intervalUnit() == null) {
            problems.add(new Problem.Detail("/interval_unit", "required: one of " + String.join(", ", IntervalUnit.wires())));
        }
        int intervalCount = Objects.requireNonNullElse(in.intervalCount(), 1);
        if (intervalCount < 1 || intervalCount > MAX_INTERVAL_COUNT) {
            problems.add(new Problem.Detail("/interval_count", "must be from 1 to " + MAX_INTERVAL_COUNT));
        }
        if (in.occurrenceLimit() != null && (in.occurrenceLimit() < 1 || in.occurrenceLimit() > MAX_OCCURRENCE_LIMIT)) {
            problems.add(new Problem.Detail("/occurrence_limit", "must be from 1 to " + MAX_OCCURRENCE_LIMIT));
        }
        if (status == SubscriptionStatus.TRIAL && in.trialEndsAt() == null) {
            problems.add(new Problem.Detail("/trial_ends_at", "required for a subscription that starts as a trial: when the trial ends"));
        } else if (status != SubscriptionStatus.TRIAL && in.trialEndsAt() != null) {
            problems.add(new Problem.Detail("/trial_ends_at", "only a subscription created in status trial has a trial end;"
                    + " leave it out, or send status trial"));
        }
        Instant startedAt = Objects.requireNonNullElse(in.startedAt(), tx.now());
        if (startedAt.isAfter(tx.now().plus(SKEW))) {
            problems.add(new Problem.Detail("/started_at", "is in the future (" + startedAt + "); send when it started, in UTC,"
                    + " or leave it out for now"));
        }
        if (in.trialEndsAt() != null && in.trialEndsAt().isBefore(startedAt)) {
            problems.add(new Problem.Detail("/trial_ends_at", "is before the subscription started (" + startedAt + ")"));
        }
        BigDecimal price = null;
        if (in.price() != null) {
            try {
                price = Money.check(in.price(), "/price");
            } catch (Problem p) {
                problems.addAll(p.details());
            }
        }
        if (!problems.isEmpty()) throw Problem.validation(problems);

        String customerId = liveCustomer(tx, in.customerId());
        Product product = catalogue.product(tx, in.productId())
                .orElseThrow(() -> Problem.notFound("product", in.productId(), "/product_id"));
        if (price == null) {
            if (product.price() == null) {
                throw Problem.validation("/price", "required: product " + product.productId() + " has no catalogue price,"
                        + " so send the subscription's price");
            }
            price = product.price().setScale(2);
        }
        if (in.saleId() != null) {
            Sale sale = sales.find(tx, in.saleId(), false).orElseThrow(() -> Problem.notFound("sale", in.saleId(), "/sale_id"));
            if (!sale.customerId().equals(customerId)) {
                throw Problem.validation("/sale_id", "sale " + in.saleId() + " is not of customer " + customerId
                        + "; a subscription's sale is the customer's sale that started it");
            }
        }
        Subscription s = new Subscription(Ids.newId(), customerId, product.productId(), in.saleId(), status, price,
                in.intervalUnit(), intervalCount, in.occurrenceLimit(), in.nextRenewalAt(), in.trialEndsAt(), startedAt,
                tx.now(), tx.now());
        store.insert(tx, s);
        lifetimeValues.apply(tx, customerId, LifetimeValueDelta.between(null, status));
        audit.recordAll(tx, List.of(new AuditLog.Change("subscription", s.subscriptionId(), "create", null, s)));
        List<Events.NewEvent> announced = new ArrayList<>();
        announced.add(new Events.NewEvent(Notation.SUBSCRIPTION_CREATED, "subscription", s.subscriptionId(), customerId,
                Map.of("subscription", s)));
        if (status == SubscriptionStatus.TRIAL) {
            announced.add(new Events.NewEvent(Notation.TRIAL_CREATED, "subscription", s.subscriptionId(), customerId,
                    Map.of("subscription", s)));
        }
        events.emitAll(tx, announced);
        return s;
    }

    public Details get(Tx tx, String subscriptionId) {
        Subscription s = find(tx, subscriptionId, false);
        return new Details(s, store.renewals(tx, s.subscriptionId()));
    }

    public Page list(Tx tx, String customerId, SubscriptionStatus status, PageCursor after, int limit) {
        liveCustomer(tx, customerId);
        List<Subscription> rows = store.listForCustomer(tx, customerId, status, after, limit);
        String next = null;
        if (rows.size() > limit) {
            rows = rows.subList(0, limit);
            Subscription last = rows.get(limit - 1);
            next = new PageCursor(last.createdAt(), last.subscriptionId()).encode();
        }
        return new Page(rows, next);
    }

    /**
     * Moves a subscription to {@code to} (when given) and sets its next renewal (when given). Leaving a
     * trial ends it: {@code trial.updated.expired.success} when it becomes active, {@code
     * trial.updated.expired.failed} when it becomes overdue or cancelled. A status move emits {@code
     * subscription.updated.<status>}; a move not in {@link SubscriptionStatus#editTargets()} is a conflict.
     */
    public Transition edit(Tx tx, String subscriptionId, SubscriptionStatus to, Instant nextRenewalAt) {
        if (to == null && nextRenewalAt == null) {
            throw Problem.validation("/status", "send status, next_renewal_at, or both: there is nothing else to edit");
        }
        Subscription before = find(tx, subscriptionId, true);
        if (to != null && !before.status().editTargets().contains(to)) {
            List<SubscriptionStatus> allowed = before.status().editTargets();
            throw Problem.conflict("/status", "Subscription " + subscriptionId + " is " + before.status().wire()
                    + ", so it cannot become " + to.wire() + ": " + (allowed.isEmpty() ? "its status can no longer change."
                    : "it can move to " + String.join(" or ", SubscriptionStatus.wires(allowed)) + " only."));
        }
        Subscription after = before.with(to == null ? before.status() : to,
                nextRenewalAt == null ? before.nextRenewalAt() : nextRenewalAt, tx.now());
        if (to == null && nextRenewalAt.equals(before.nextRenewalAt())) return new Transition(before, before);
        store.update(tx, after);
        if (to != null) lifetimeValues.apply(tx, after.customerId(), LifetimeValueDelta.between(before.status(), to));
        audit.recordAll(tx, List.of(new AuditLog.Change("subscription", subscriptionId, "update", before, after)));
        if (to != null) {
            List<Events.NewEvent> announced = new ArrayList<>();
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("subscription", after);
            payload.put("previous_status", before.status());
            if (before.status() == SubscriptionStatus.TRIAL) {
                announced.add(new Events.NewEvent(to == SubscriptionStatus.ACTIVE ? Notation.TRIAL_UPDATED_EXPIRED_SUCCESS
                        : Notation.TRIAL_UPDATED_EXPIRED_FAILED, "subscription", subscriptionId, after.customerId(), payload));
            }
            announced.add(new Events.NewEvent(updatedNotation(to), "subscription", subscriptionId, after.customerId(), payload));
            events.emitAll(tx, announced);
        }
        return new Transition(before, after);
    }

    // ------------------------------------------------------------------ renewals

    /**
     * Records a renewal of an active, overdue or suspended subscription: {@code amount} defaults to the
     * subscription's price, {@code renewedAt} to now. Emits {@code subscription_renewal.created.<status>}.
     */
    public SubscriptionRenewal renew(Tx tx, String subscriptionId, SubscriptionRenewalStatus status, BigDecimal amount,
                                     Instant renewedAt) {
        List<Problem.Detail> problems = new ArrayList<>();
        if (status == null) {
            problems.add(new Problem.Detail("/status", "required: one of "
                    + String.join(", ", SubscriptionRenewalStatus.wires(List.of(SubscriptionRenewalStatus.values())))));
        }
        BigDecimal checked = null;
        if (amount != null) {
            try {
                checked = Money.check(amount, "/amount");
            } catch (Problem p) {
                problems.addAll(p.details());
            }
        }
        Instant at = Objects.requireNonNullElse(renewedAt, tx.now());
        if (at.isAfter(tx.now().plus(SKEW))) {
            problems.add(new Problem.Detail("/renewed_at", "is in the future (" + at + "); send when the renewal was billed,"
                    + " in UTC, or leave it out for now"));
        }
        if (!problems.isEmpty()) throw Problem.validation(problems);
        Subscription subscription = find(tx, subscriptionId, true);
        if (!subscription.status().renews()) {
            throw Problem.conflict("/subscription_id", "Subscription " + subscriptionId + " is " + subscription.status().wire()
                    + "; renewals are recorded on active, overdue or suspended subscriptions"
                    + (subscription.status() == SubscriptionStatus.TRIAL ? " (end the trial first with EditSubscription)." : "."));
        }
        SubscriptionRenewal r = new SubscriptionRenewal(Ids.newId(), subscriptionId, subscription.customerId(), status,
                checked == null ? subscription.price() : checked, ZERO, at, tx.now(), tx.now());
        store.insert(tx, r);
        lifetimeValues.apply(tx, r.customerId(), LifetimeValueDelta.between(null, RenewalFigures.of(r)));
        audit.recordAll(tx, List.of(new AuditLog.Change("subscription_renewal", r.subscriptionRenewalId(), "create", null, r)));
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("subscription_renewal", r);
        payload.put("subscription_status", subscription.status());
        events.emit(tx, switch (status) {
            case SUCCESS -> Notation.SUBSCRIPTION_RENEWAL_CREATED_SUCCESS;
            case FAILED -> Notation.SUBSCRIPTION_RENEWAL_CREATED_FAILED;
            case OVERDUE -> Notation.SUBSCRIPTION_RENEWAL_CREATED_OVERDUE;
        }, "subscription_renewal", r.subscriptionRenewalId(), r.customerId(), payload);
        return r;
    }

    /**
     * Moves a failed renewal to success (salvaged) or overdue, or an overdue one to success or failed.
     * Emits {@code subscription_renewal.updated.<status>}.
     */
    public RenewalTransition editRenewal(Tx tx, String renewalId, SubscriptionRenewalStatus to) {
        SubscriptionRenewal before = findRenewal(tx, renewalId);
        List<SubscriptionRenewalStatus> allowed = before.status().editTargets();
        if (!allowed.contains(to)) {
            throw Problem.conflict("/status", "Subscription renewal " + renewalId + " is " + before.status().wire()
                    + ", so it cannot become " + to.wire() + ": " + (allowed.isEmpty()
                    ? "its status can no longer change (refunds are recorded with CreateRefund)."
                    : "it can move to " + String.join(" or ", SubscriptionRenewalStatus.wires(allowed)) + " only."));
        }
        SubscriptionRenewal after = before.with(to, before.refunded(), tx.now());
        store.update(tx, after);
        lifetimeValues.apply(tx, after.customerId(), LifetimeValueDelta.between(RenewalFigures.of(before), RenewalFigures.of(after)));
        audit.recordAll(tx, List.of(new AuditLog.Change("subscription_renewal", renewalId, "update", before, after)));
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("subscription_renewal", after);
        payload.put("previous_status", before.status());
        events.emit(tx, switch (to) {
            case SUCCESS -> Notation.SUBSCRIPTION_RENEWAL_UPDATED_SUCCESS;
            case FAILED -> Notation.SUBSCRIPTION_RENEWAL_UPDATED_FAILED;
            case OVERDUE -> Notation.SUBSCRIPTION_RENEWAL_UPDATED_OVERDUE;
        }, "subscription_renewal", renewalId, after.customerId(), payload);
        return new RenewalTransition(before, after);
    }

    /**
     * Refunds {@code amount} (default: all that is left) of a successful renewal; its status stays
     * success, its {@code refunded} grows. Emits {@code refund.created}.
     */
    public Refunded refundRenewal(Tx tx, String renewalId, BigDecimal amount, String reason) {
        SubscriptionRenewal before = findRenewal(tx, renewalId);
        if (before.status() != SubscriptionRenewalStatus.SUCCESS) {
            throw Problem.conflict("/subscription_renewal_id", "Subscription renewal " + renewalId + " is "
                    + before.status().wire() + "; only successful renewals can be refunded.");
        }
        BigDecimal left = before.refundable();
        if (left.signum() == 0) {
            throw Problem.conflict("/subscription_renewal_id", "Subscription renewal " + renewalId + " has nothing left to refund.");
        }
        BigDecimal refundAmount = left;
        if (amount != null) {
            refundAmount = Money.check(amount, "/amount");
            if (refundAmount.signum() == 0) throw Problem.validation("/amount", "must be more than 0");
            if (refundAmount.compareTo(left) > 0) {
                throw Problem.validation("/amount", "must be at most " + left.toPlainString()
                        + ", what is left to refund of the subscription renewal");
            }
        }
        Refund refund = new Refund(Ids.newId(), null, null, renewalId, before.customerId(), refundAmount,
                reason == null || reason.isBlank() ? null : reason.strip(), tx.now());
        SubscriptionRenewal after = before.with(before.status(), before.refunded().add(refundAmount), tx.now());
        sales.insertRefunds(tx, List.of(refund));
        store.update(tx, after);
        lifetimeValues.apply(tx, after.customerId(), LifetimeValueDelta.between(RenewalFigures.of(before), RenewalFigures.of(after)));
        audit.recordAll(tx, List.of(new AuditLog.Change("refund", refund.refundId(), "create", null, refund),
                new AuditLog.Change("subscription_renewal", renewalId, "update", before, after)));
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("refund", refund);
        payload.put("subscription_renewal_id", renewalId);
        payload.put("subscription_renewal_amount", after.amount());
        payload.put("subscription_renewal_refunded", after.refunded());
        events.emit(tx, Notation.REFUND_CREATED, "refund", refund.refundId(), after.customerId(), payload);
        return new Refunded(refund, after);
    }

    // ------------------------------------------------------------------ item types

    /** The customer of a subscription, when it exists in the tenant and its customer is live (for {@code ItemTypes}). */
    public Optional<String> customerOfSubscription(Tx tx, String subscriptionId) {
        return store.customerOfSubscription(tx, subscriptionId).filter(c -> customers.find(tx, c).isPresent());
    }

    /** The customer of a subscription renewal, likewise. */
    public Optional<String> customerOfRenewal(Tx tx, String renewalId) {
        return store.customerOfRenewal(tx, renewalId).filter(c -> customers.find(tx, c).isPresent());
    }

    // ------------------------------------------------------------------ pieces

    private static Notation updatedNotation(SubscriptionStatus to) {
        return switch (to) {
            case ACTIVE -> Notation.SUBSCRIPTION_UPDATED_ACTIVE;
            case OVERDUE -> Notation.SUBSCRIPTION_UPDATED_OVERDUE;
            case OCCURRENCE_LIMIT -> Notation.SUBSCRIPTION_UPDATED_OCCURRENCE_LIMIT;
            case SUSPENDED -> Notation.SUBSCRIPTION_UPDATED_SUSPENDED;
            case CANCELLED -> Notation.SUBSCRIPTION_UPDATED_CANCELLED;
            case TRIAL -> throw new IllegalStateException("no edit moves a subscription to trial");
        };
    }

    /** The subscription, locked when {@code forUpdate}; not_found when missing or when its customer was deleted. */
    private Subscription find(Tx tx, String subscriptionId, boolean forUpdate) {
        return store.find(tx, subscriptionId, forUpdate)
                .filter(s -> customers.find(tx, s.customerId()).isPresent())
                .orElseThrow(() -> Problem.notFound("subscription", subscriptionId));
    }

    /** The renewal, locked; not_found when missing or when its customer was deleted. */
    private SubscriptionRenewal findRenewal(Tx tx, String renewalId) {
        return store.findRenewal(tx, renewalId, true)
                .filter(r -> customers.find(tx, r.customerId()).isPresent())
                .orElseThrow(() -> Problem.notFound("subscription_renewal", renewalId));
    }

    private String liveCustomer(Tx tx, String customerId) {
        if (customerId == null) throw Problem.validation("/customer_id", "required: the subscribing customer");
        return customers.find(tx, customerId).orElseThrow(() -> Problem.notFound("customer", customerId)).customerId();
    }
}
