package io.clientele.commerce;

import io.clientele.audit.AuditLog;
import io.clientele.commerce.internal.DisputeStore;
import io.clientele.commerce.internal.LifetimeValueDelta;
import io.clientele.commerce.internal.LifetimeValueStore;
import io.clientele.commerce.internal.SaleStore;
import io.clientele.customer.Customers;
import io.clientele.event.Events;
import io.clientele.event.Notation;
import io.clientele.platform.Ids;
import io.clientele.platform.Money;
import io.clientele.platform.Problem;
import io.clientele.platform.Tx;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Chargebacks, PayPal disputes and fraud detections: claims against a customer's payments. Each is
 * recorded once and never changes; its write is validated, audited, announced, and moves the customer's
 * lifetime value by a delta ({@link LifetimeValueDelta#chargeback} and its siblings), all in the caller's
 * transaction. They change no sale's status or refunded amount.
 */
public final class Disputes {
    private final DisputeStore store;
    private final SaleStore sales;
    private final LifetimeValueStore lifetimeValues;
    private final Customers customers;
    private final Events events;
    private final AuditLog audit;

    public Disputes(DisputeStore store, SaleStore sales, LifetimeValueStore lifetimeValues, Customers customers, Events events,
                    AuditLog audit) {
        this.store = store;
        this.sales = sales;
        this.lifetimeValues = lifetimeValues;
        this.customers = customers;
        this.events = events;
        this.audit = audit;
    }

    /**
     * Records a chargeback of {@code amount} (default: all of the sale's total not charged back yet) on a
     * successful sale (paid, partially refunded or refunded). A sale's chargebacks together may not exceed
     * its total; the sale is locked while they are summed.
     */
    public Chargeback chargeback(Tx tx, String saleId, BigDecimal amount, String reason) {
        Sale sale = lockedSale(tx, saleId);
        if (!sale.status().isSuccessful()) {
            throw Problem.conflict("/sale_id", "Sale " + saleId + " is " + sale.status().wire() + "; only a sale that was paid"
                    + " (paid, partially_refunded or refunded) can be charged back.");
        }
        BigDecimal left = sale.total().subtract(store.chargedBack(tx, saleId));
        if (left.signum() == 0) {
            throw Problem.conflict("/sale_id", "Sale " + saleId + " is charged back in full already ("
                    + sale.total().toPlainString() + "); GetSale lists its chargebacks.");
        }
        BigDecimal checked = positiveAmount(amount, left, "what is left of the sale's total (" + sale.total().toPlainString()
                + ") after its earlier chargebacks");
        Chargeback chargeback = new Chargeback(Ids.newId(), saleId, sale.customerId(), checked, blankToNull(reason), tx.now());
        store.insert(tx, chargeback);
        lifetimeValues.apply(tx, sale.customerId(), LifetimeValueDelta.chargeback(checked));
        audit.recordAll(tx, List.of(new AuditLog.Change("chargeback", chargeback.chargebackId(), "create", null, chargeback)));
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("chargeback", chargeback);
        payload.put("sale_id", saleId);
        payload.put("sale_total", sale.total());
        events.emit(tx, Notation.CHARGEBACK_CREATED, "chargeback", chargeback.chargebackId(), sale.customerId(), payload);
        return chargeback;
    }

    /**
     * Records a PayPal dispute of {@code amount} (at most, and by default, the sale's total) on a sale in any status: a
     * customer may dispute a payment whatever the shop recorded about it.
     */
    public PaypalDispute paypalDispute(Tx tx, String saleId, BigDecimal amount, String reason) {
        Sale sale = lockedSale(tx, saleId);
        BigDecimal checked = positiveAmount(amount, sale.total(), "the sale's total");
        PaypalDispute dispute = new PaypalDispute(Ids.newId(), saleId, sale.customerId(), checked, blankToNull(reason), tx.now());
        store.insert(tx, dispute);
        lifetimeValues.apply(tx, sale.customerId(), LifetimeValueDelta.paypalDispute(checked));
        audit.recordAll(tx, List.of(new AuditLog.Change("paypal_dispute", dispute.paypalDisputeId(), "create", null, dispute)));
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("paypal_dispute", dispute);
        payload.put("sale_id", saleId);
        payload.put("sale_total", sale.total());
        events.emit(tx, Notation.PAYPAL_DISPUTE_CREATED, "paypal_dispute", dispute.paypalDisputeId(), sale.customerId(), payload);
        return dispute;
    }

    /**
     * Records a fraud detection on a sale (its customer is the sale's) or on a customer; when both are
     * given, the sale must be the customer's.
     */
    public FraudDetection fraudDetection(Tx tx, String saleId, String customerId, String source, Integer score, String reason) {
        if (saleId == null && customerId == null) {
            throw Problem.validation("/customer_id", "required: send customer_id, sale_id, or both (the sale's customer)");
        }
        if (score != null && (score < 0 || score > 100)) throw Problem.validation("/score", "must be from 0 to 100");
        String customer;
        if (saleId != null) {
            Sale sale = lockedSale(tx, saleId);
            if (customerId != null && !customerId.equals(sale.customerId())) {
                throw Problem.validation("/customer_id", "sale " + saleId + " is not of customer " + customerId
                        + "; leave customer_id out to record the detection on the sale's customer");
            }
            customer = sale.customerId();
        } else {
            customer = customers.find(tx, customerId).orElseThrow(() -> Problem.notFound("customer", customerId)).customerId();
        }
        FraudDetection detection = new FraudDetection(Ids.newId(), saleId, customer, blankToNull(source), score,
                blankToNull(reason), tx.now());
        store.insert(tx, detection);
        lifetimeValues.apply(tx, customer, LifetimeValueDelta.fraudDetection());
        audit.recordAll(tx, List.of(new AuditLog.Change("fraud_detection", detection.fraudDetectionId(), "create", null,
                detection)));
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("fraud_detection", detection);
        events.emit(tx, Notation.FRAUD_DETECTION_CREATED, "fraud_detection", detection.fraudDetectionId(), customer, payload);
        return detection;
    }

    /** The sale, locked until commit; not_found when missing, another tenant's, or its customer was deleted. */
    private Sale lockedSale(Tx tx, String saleId) {
        return sales.find(tx, saleId, true)
                .filter(s -> customers.find(tx, s.customerId()).isPresent())
                .orElseThrow(() -> Problem.notFound("sale", saleId));
    }

    /**
     * The amount at scale 2 (default: {@code max}), more than 0 and at most {@code max}; a validation
     * problem at /amount otherwise.
     */
    private static BigDecimal positiveAmount(BigDecimal amount, BigDecimal max, String whatMaxIs) {
        if (amount == null) {
            if (max.signum() == 0) throw Problem.validation("/amount", "must be more than 0, and the sale's total is 0");
            return max;
        }
        BigDecimal checked = Money.check(amount, "/amount");
        if (checked.signum() == 0) throw Problem.validation("/amount", "must be more than 0");
        if (checked.compareTo(max) > 0) {
            throw Problem.validation("/amount", "must be at most " + max.toPlainString() + ", " + whatMaxIs);
        }
        return checked;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
