package io.clientele.commerce.internal;

import io.clientele.commerce.SaleStatus;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * How a customer's stored lifetime value figures change when one of its sales changes, or when a
 * chargeback, fraud detection or PayPal dispute is recorded ({@link #chargeback}, {@link #fraudDetection},
 * {@link #paypalDispute}: those records never change, so each adds its contribution once). A customer's
 * figures are the sum of what each of its sales contributes ({@link #contribution}); a change to one
 * sale moves them by {@code contribution(after) − contribution(before)}. {@code RebuildLifetimeValues}
 * sums the same contributions in SQL, and a property test holds the two to the same answer.
 *
 * <p>{@code lastSaleAt} is not a sum: a sale becoming successful offers its {@code soldAt}
 * ({@code gainedSaleAt}, kept with {@code greatest}); a successful sale ceasing to be one (a void) gives
 * up its {@code soldAt} ({@code lostSaleAt}), and the column is recomputed if that was the newest.
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
        Instant gainedSaleAt,
        Instant lostSaleAt) {

    private static final BigDecimal ZERO = BigDecimal.ZERO.setScale(2);

    public static final LifetimeValueDelta NONE = new LifetimeValueDelta(0, 0, 0, 0, 0, 0, 0, ZERO, ZERO, ZERO, ZERO, ZERO,
            0, ZERO, 0, 0, ZERO, null, null);

    /** The change when a sale goes from {@code before} (null for a new sale) to {@code after}. */
    public static LifetimeValueDelta between(SaleFigures before, SaleFigures after) {
        LifetimeValueDelta gained = contribution(after);
        LifetimeValueDelta lost = before == null ? NONE : contribution(before);
        boolean wasSuccessful = before != null && before.status().isSuccessful();
        boolean isSuccessful = after.status().isSuccessful();
        return new LifetimeValueDelta(
                gained.numSale - lost.numSale,
                gained.numSuccessSale - lost.numSuccessSale,
                gained.numPendingDeclinedSale - lost.numPendingDeclinedSale,
                gained.numPendingAbandonedSale - lost.numPendingAbandonedSale,
                gained.numFailedDeclinedSale - lost.numFailedDeclinedSale,
                gained.numVoidSale - lost.numVoidSale,
                gained.numUpsellSale - lost.numUpsellSale,
                gained.saleGross.subtract(lost.saleGross),
                gained.discounted.subtract(lost.discounted),
                gained.refunded.subtract(lost.refunded),
                gained.remaining.subtract(lost.remaining),
                gained.amountToSalvage.subtract(lost.amountToSalvage),
                0, ZERO, 0, 0, ZERO,
                isSuccessful && !wasSuccessful ? after.soldAt() : null,
                wasSuccessful && !isSuccessful ? before.soldAt() : null);
    }

    /** What one sale adds to its customer's figures on its own (docs/commerce.md, "Lifetime value"). */
    public static LifetimeValueDelta contribution(SaleFigures sale) {
        SaleStatus s = sale.status();
        boolean success = s.isSuccessful();
        return new LifetimeValueDelta(
                1,
                success ? 1 : 0,
                s == SaleStatus.PENDING_DECLINED ? 1 : 0,
                s == SaleStatus.PENDING_ABANDONED ? 1 : 0,
                s == SaleStatus.FAILED_DECLINED ? 1 : 0,
                s == SaleStatus.VOID ? 1 : 0,
                success && sale.upsell() ? 1 : 0,
                success ? sale.total() : ZERO,
                success ? sale.discount() : ZERO,
                sale.refunded(),
                s.isPending() ? sale.total() : ZERO,
                s == SaleStatus.PENDING_DECLINED ? sale.total() : ZERO,
                0, ZERO, 0, 0, ZERO,
                success ? sale.soldAt() : null,
                null);
    }

    /**
     * A chargeback of {@code amount} recorded on one of the customer's sales: one more chargeback and
     * {@code amount} more {@code chargeback_amount} (so {@code net} falls by it), whatever the sale's status.
     */
    public static LifetimeValueDelta chargeback(BigDecimal amount) {
        return new LifetimeValueDelta(0, 0, 0, 0, 0, 0, 0, ZERO, ZERO, ZERO, ZERO, ZERO, 1, amount, 0, 0, ZERO, null, null);
    }

    /** A fraud detection recorded on the customer or one of its sales: one more, nothing else. */
    public static LifetimeValueDelta fraudDetection() {
        return new LifetimeValueDelta(0, 0, 0, 0, 0, 0, 0, ZERO, ZERO, ZERO, ZERO, ZERO, 0, ZERO, 1, 0, ZERO, null, null);
    }

    /** A PayPal dispute of {@code amount} on one of the customer's sales: its own count and sum; net is not moved. */
    public static LifetimeValueDelta paypalDispute(BigDecimal amount) {
        return new LifetimeValueDelta(0, 0, 0, 0, 0, 0, 0, ZERO, ZERO, ZERO, ZERO, ZERO, 0, ZERO, 0, 1, amount, null, null);
    }

    /** True when applying it would change nothing. */
    public boolean isNone() {
        return numSale == 0 && numSuccessSale == 0 && numPendingDeclinedSale == 0 && numPendingAbandonedSale == 0
                && numFailedDeclinedSale == 0 && numVoidSale == 0 && numUpsellSale == 0 && saleGross.signum() == 0
                && discounted.signum() == 0 && refunded.signum() == 0 && remaining.signum() == 0
                && amountToSalvage.signum() == 0 && numChargeback == 0 && chargebackAmount.signum() == 0
                && numFraudDetection == 0 && numPaypalDispute == 0 && paypalDisputeAmount.signum() == 0 && gainedSaleAt == null && lostSaleAt == null;
    }
}
