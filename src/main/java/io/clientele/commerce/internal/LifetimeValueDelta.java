package io.clientele.commerce.internal;

import io.clientele.commerce.SaleStatus;
import io.clientele.commerce.SubscriptionRenewalStatus;
import io.clientele.commerce.SubscriptionStatus;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * How a customer's stored lifetime value figures change when one of its records changes: a sale, a
 * subscription or a subscription renewal ({@link #between}), or a chargeback, fraud detection or PayPal
 * dispute, which never change and so add their contribution once ({@link #chargeback},
 * {@link #fraudDetection}, {@link #paypalDispute}). A customer's figures are the sum of what each of its
 * records contributes ({@link #contribution}); a change to one moves them by
 * {@code contribution(after) − contribution(before)}. {@code RebuildLifetimeValues} sums the same
 * contributions in SQL, and a property test holds the two to the same answer.
 *
 * <p>{@code lastSaleAt} is not a sum: a sale becoming successful offers its {@code soldAt}
 * ({@code gainedSaleAt}, kept with {@code greatest}); a successful sale ceasing to be one (a void) gives
 * up its {@code soldAt} ({@code lostSaleAt}), and the column is recomputed if that was the newest. A
 * renewal becoming successful likewise offers its {@code renewedAt} ({@code gainedRenewalAt}); a
 * successful renewal never stops being one, so nothing is ever given up there.
 */
public record LifetimeValueDelta(
        int numSale,
        int numSuccessSale,
        int numPendingDeclinedSale,
        int numPendingAbandonedSale,
        int numFailedDeclinedSale,
        int numVoidSale,
        int numUpsellSale,
        BigDecimal saleGross,
        BigDecimal discounted,
        BigDecimal refunded,
        BigDecimal remaining,
        BigDecimal amountToSalvage,
        int numChargeback,
        BigDecimal chargebackAmount,
        int numFraudDetection,
        int numPaypalDispute,
        BigDecimal paypalDisputeAmount,
        int numRenewal,
        int numSuccessRenewal,
        int numOverdueRenewal,
        BigDecimal renewalGross,
        int numActiveSubscription,
        int numTrialSubscription,
        int numOverdueSubscription,
        int numOccurrenceLimitSubscription,
        int numSuspendedSubscription,
        int numCancelledSubscription,
        Instant gainedSaleAt,
        Instant lostSaleAt,
        Instant gainedRenewalAt) {

    private static final BigDecimal ZERO = BigDecimal.ZERO.setScale(2);

    public static final LifetimeValueDelta NONE = new Builder().build();

    /** The change when a sale goes from {@code before} (null for a new sale) to {@code after}. */
    public static LifetimeValueDelta between(SaleFigures before, SaleFigures after) {
        LifetimeValueDelta lost = before == null ? NONE : contribution(before);
        boolean wasSuccessful = before != null && before.status().isSuccessful();
        boolean isSuccessful = after.status().isSuccessful();
        return minus(contribution(after), lost,
                isSuccessful && !wasSuccessful ? after.soldAt() : null,
                wasSuccessful && !isSuccessful ? before.soldAt() : null, null);
    }

    /** The change when a subscription goes from {@code before} (null for a new one) to {@code after}. */
    public static LifetimeValueDelta between(SubscriptionStatus before, SubscriptionStatus after) {
        return minus(contribution(after), before == null ? NONE : contribution(before), null, null, null);
    }

    /** The change when a renewal goes from {@code before} (null for a new one) to {@code after}. */
    public static LifetimeValueDelta between(RenewalFigures before, RenewalFigures after) {
        boolean wasSuccessful = before != null && before.status() == SubscriptionRenewalStatus.SUCCESS;
        boolean isSuccessful = after.status() == SubscriptionRenewalStatus.SUCCESS;
        return minus(contribution(after), before == null ? NONE : contribution(before), null, null,
                isSuccessful && !wasSuccessful ? after.renewedAt() : null);
    }

    /** What one sale adds to its customer's figures on its own (docs/commerce.md, "Lifetime value"). */
    public static LifetimeValueDelta contribution(SaleFigures sale) {
        SaleStatus s = sale.status();
        boolean success = s.isSuccessful();
        Builder b = new Builder();
        b.numSale = 1;
        b.numSuccessSale = success ? 1 : 0;
        b.numPendingDeclinedSale = s == SaleStatus.PENDING_DECLINED ? 1 : 0;
        b.numPendingAbandonedSale = s == SaleStatus.PENDING_ABANDONED ? 1 : 0;
        b.numFailedDeclinedSale = s == SaleStatus.FAILED_DECLINED ? 1 : 0;
        b.numVoidSale = s == SaleStatus.VOID ? 1 : 0;
        b.numUpsellSale = success && sale.upsell() ? 1 : 0;
        b.saleGross = success ? sale.total() : ZERO;
        b.discounted = success ? sale.discount() : ZERO;
        b.refunded = sale.refunded();
        b.remaining = s.isPending() ? sale.total() : ZERO;
        b.amountToSalvage = s == SaleStatus.PENDING_DECLINED ? sale.total() : ZERO;
        b.gainedSaleAt = success ? sale.soldAt() : null;
        return b.build();
    }

    /** What one subscription adds: one to the count of its status. */
    public static LifetimeValueDelta contribution(SubscriptionStatus status) {
        Builder b = new Builder();
        switch (status) {
            case ACTIVE -> b.numActiveSubscription = 1;
            case TRIAL -> b.numTrialSubscription = 1;
            case OVERDUE -> b.numOverdueSubscription = 1;
            case OCCURRENCE_LIMIT -> b.numOccurrenceLimitSubscription = 1;
            case SUSPENDED -> b.numSuspendedSubscription = 1;
            case CANCELLED -> b.numCancelledSubscription = 1;
        }
        return b.build();
    }

    /**
     * What one renewal adds: a renewal; a successful one its amount to {@code renewal_gross} (so to gross)
     * and its date; a failed or overdue one its amount to {@code amount_to_salvage}; its refunds to refunded.
     */
    public static LifetimeValueDelta contribution(RenewalFigures renewal) {
        SubscriptionRenewalStatus s = renewal.status();
        Builder b = new Builder();
        b.numRenewal = 1;
        b.numSuccessRenewal = s == SubscriptionRenewalStatus.SUCCESS ? 1 : 0;
        b.numOverdueRenewal = s == SubscriptionRenewalStatus.OVERDUE ? 1 : 0;
        b.renewalGross = s == SubscriptionRenewalStatus.SUCCESS ? renewal.amount() : ZERO;
        b.amountToSalvage = s == SubscriptionRenewalStatus.SUCCESS ? ZERO : renewal.amount();
        b.refunded = renewal.refunded();
        b.gainedRenewalAt = s == SubscriptionRenewalStatus.SUCCESS ? renewal.renewedAt() : null;
        return b.build();
    }

    /**
     * A chargeback of {@code amount} recorded on one of the customer's sales: one more chargeback and
     * {@code amount} more {@code chargeback_amount} (so {@code net} falls by it), whatever the sale's status.
     */
    public static LifetimeValueDelta chargeback(BigDecimal amount) {
        Builder b = new Builder();
        b.numChargeback = 1;
        b.chargebackAmount = amount;
        return b.build();
    }

    /** A fraud detection recorded on the customer or one of its sales: one more, nothing else. */
    public static LifetimeValueDelta fraudDetection() {
        Builder b = new Builder();
        b.numFraudDetection = 1;
        return b.build();
    }

    /** A PayPal dispute of {@code amount} on one of the customer's sales: its own count and sum; net is not moved. */
    public static LifetimeValueDelta paypalDispute(BigDecimal amount) {
        Builder b = new Builder();
        b.numPaypalDispute = 1;
        b.paypalDisputeAmount = amount;
        return b.build();
    }

    /** True when applying it would change nothing. */
    public boolean isNone() {
        return java.util.stream.IntStream.of(numSale, numSuccessSale, numPendingDeclinedSale, numPendingAbandonedSale,
                        numFailedDeclinedSale, numVoidSale, numUpsellSale, numChargeback, numFraudDetection, numPaypalDispute,
                        numRenewal, numSuccessRenewal, numOverdueRenewal, numActiveSubscription, numTrialSubscription,
                        numOverdueSubscription, numOccurrenceLimitSubscription, numSuspendedSubscription,
                        numCancelledSubscription).allMatch(n -> n == 0)
                && java.util.stream.Stream.of(saleGross, discounted, refunded, remaining, amountToSalvage, chargebackAmount,
                        paypalDisputeAmount, renewalGross).allMatch(a -> a.signum() == 0)
                && gainedSaleAt == null && lostSaleAt == null && gainedRenewalAt == null;
    }

    /**
     * Both changes at once: sums, and the later of the dates gained. Not for a change that gives up a sale
     * date ({@code lostSaleAt}), which must be applied on its own.
     */
    public LifetimeValueDelta plus(LifetimeValueDelta o) {
        if (lostSaleAt != null || o.lostSaleAt != null) throw new IllegalArgumentException("a lost sale date does not add up");
        LifetimeValueDelta negated = minus(NONE, o, null, null, null);
        return minus(this, negated, later(gainedSaleAt, o.gainedSaleAt), null, later(gainedRenewalAt, o.gainedRenewalAt));
    }

    private static Instant later(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isAfter(b) ? a : b;
    }

    private static LifetimeValueDelta minus(LifetimeValueDelta a, LifetimeValueDelta b, Instant gainedSaleAt,
                                            Instant lostSaleAt, Instant gainedRenewalAt) {
        return new LifetimeValueDelta(
                a.numSale - b.numSale,
                a.numSuccessSale - b.numSuccessSale,
                a.numPendingDeclinedSale - b.numPendingDeclinedSale,
                a.numPendingAbandonedSale - b.numPendingAbandonedSale,
                a.numFailedDeclinedSale - b.numFailedDeclinedSale,
                a.numVoidSale - b.numVoidSale,
                a.numUpsellSale - b.numUpsellSale,
                a.saleGross.subtract(b.saleGross),
                a.discounted.subtract(b.discounted),
                a.refunded.subtract(b.refunded),
                a.remaining.subtract(b.remaining),
                a.amountToSalvage.subtract(b.amountToSalvage),
                a.numChargeback - b.numChargeback,
                a.chargebackAmount.subtract(b.chargebackAmount),
                a.numFraudDetection - b.numFraudDetection,
                a.numPaypalDispute - b.numPaypalDispute,
                a.paypalDisputeAmount.subtract(b.paypalDisputeAmount),
                a.numRenewal - b.numRenewal,
                a.numSuccessRenewal - b.numSuccessRenewal,
                a.numOverdueRenewal - b.numOverdueRenewal,
                a.renewalGross.subtract(b.renewalGross),
                a.numActiveSubscription - b.numActiveSubscription,
                a.numTrialSubscription - b.numTrialSubscription,
                a.numOverdueSubscription - b.numOverdueSubscription,
                a.numOccurrenceLimitSubscription - b.numOccurrenceLimitSubscription,
                a.numSuspendedSubscription - b.numSuspendedSubscription,
                a.numCancelledSubscription - b.numCancelledSubscription,
                gainedSaleAt, lostSaleAt, gainedRenewalAt);
    }

    /** Zero everywhere but what is set; amounts at scale 2. */
    static final class Builder {
        int numSale, numSuccessSale, numPendingDeclinedSale, numPendingAbandonedSale, numFailedDeclinedSale, numVoidSale,
                numUpsellSale, numChargeback, numFraudDetection, numPaypalDispute, numRenewal, numSuccessRenewal,
                numOverdueRenewal, numActiveSubscription, numTrialSubscription, numOverdueSubscription,
                numOccurrenceLimitSubscription, numSuspendedSubscription, numCancelledSubscription;
        BigDecimal saleGross = ZERO, discounted = ZERO, refunded = ZERO, remaining = ZERO, amountToSalvage = ZERO,
                chargebackAmount = ZERO, paypalDisputeAmount = ZERO, renewalGross = ZERO;
        Instant gainedSaleAt, lostSaleAt, gainedRenewalAt;

        LifetimeValueDelta build() {
            return new LifetimeValueDelta(numSale, numSuccessSale, numPendingDeclinedSale, numPendingAbandonedSale,
                    numFailedDeclinedSale, numVoidSale, numUpsellSale, saleGross, discounted, refunded, remaining,
                    amountToSalvage, numChargeback, chargebackAmount, numFraudDetection, numPaypalDispute,
                    paypalDisputeAmount, numRenewal, numSuccessRenewal, numOverdueRenewal, renewalGross,
                    numActiveSubscription, numTrialSubscription, numOverdueSubscription, numOccurrenceLimitSubscription,
                    numSuspendedSubscription, numCancelledSubscription, gainedSaleAt, lostSaleAt, gainedRenewalAt);
        }
    }
}
