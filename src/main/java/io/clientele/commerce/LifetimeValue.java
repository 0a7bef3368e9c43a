package io.clientele.commerce;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A customer's lifetime value figures (docs/commerce.md defines each one). {@code net} is what seed 002's
 * {@code lifetime_value} qualifier compares; {@code refunded} is its {@code lifetime_refunded}. A customer
 * without any record has all zeros, {@code lastSaleAt}, {@code lastRenewalAt} and {@code updatedAt} null.
 * The {@code num*Subscription} counts say which statuses the customer's subscriptions are in (seed 002's
 * {@code subscription_options.status}: a customer qualifies when any count of the chosen statuses is above 0).
 */
public record LifetimeValue(
        String customerId,
        int numSale,
        int numSuccessSale,
        int numPendingDeclinedSale,
        int numPendingAbandonedSale,
        int numFailedDeclinedSale,
        int numVoidSale,
        int numUpsellSale,
        BigDecimal saleGross,
        BigDecimal gross,
        BigDecimal discounted,
        BigDecimal refunded,
        BigDecimal chargebackAmount,
        BigDecimal net,
        BigDecimal remaining,
        BigDecimal amountToSalvage,
        BigDecimal total,
        BigDecimal avgSale,
        Instant lastSaleAt,
        int numChargeback,
        int numFraudDetection,
        int numPaypalDispute,
        BigDecimal paypalDisputeAmount,
        int numRenewal,
        int numSuccessRenewal,
        int numOverdueRenewal,
        BigDecimal renewalGross,
        Instant lastRenewalAt,
        int numActiveSubscription,
        int numTrialSubscription,
        int numOverdueSubscription,
        int numOccurrenceLimitSubscription,
        int numSuspendedSubscription,
        int numCancelledSubscription,
        Instant updatedAt) {}
