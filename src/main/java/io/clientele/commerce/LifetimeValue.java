package io.clientele.commerce;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A customer's lifetime value figures (docs/commerce.md defines each one). {@code net} is what seed 002's
 * {@code lifetime_value} qualifier compares; {@code refunded} is its {@code lifetime_refunded}. A customer
 * without any sale has all zeros, {@code lastSaleAt} and {@code updatedAt} null.
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
        Instant updatedAt) {}
