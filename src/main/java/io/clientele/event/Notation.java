package io.clientele.event;

import java.util.Arrays;
import java.util.Optional;

/**
 * Every event notation the system emits, in the seeds' spelling, with what it means. This enum is the
 * one list: emitting takes a {@code Notation}, and docs/events.md is checked against it by a test.
 */
public enum Notation {
    CUSTOMER_CREATED("customer.created", "A customer was created."),
    CUSTOMER_UPDATED("customer.updated", "A customer's fields changed; the payload lists each change with its old and new value."),
    CUSTOMER_DELETED("customer.deleted", "A customer was soft-deleted: hidden from every read, kept for audit."),
    CUSTOMER_RESTORED("customer.restored", "A soft-deleted customer was restored."),
    CUSTOMER_MERGED("customer.merged", "Another customer was merged into this one: its records moved here and it was soft-deleted."),
    NOTE_CREATED("note.created", "A note was created on a customer or a customer-related item."),
    METADATA_INSERTED("metadata.inserted", "A metadata name/value was set on an item for the first time."),
    METADATA_UPDATED("metadata.updated", "An existing metadata name on an item got a new value."),
    METADATA_DELETED("metadata.deleted", "A metadata name was removed from an item."),
    SALE_CREATED_SUCCESS_PAID("sale.created.success.paid", "A sale was recorded as paid."),
    SALE_CREATED_PENDING_DECLINED("sale.created.pending.declined", "A sale was recorded with a declined payment that may still be salvaged."),
    SALE_CREATED_PENDING_ABANDONED("sale.created.pending.abandoned", "A sale was recorded as abandoned before payment; it may still be salvaged."),
    SALE_CREATED_FAILED_DECLINED("sale.created.failed.declined", "A sale was recorded as declined for good."),
    SALE_UPDATED_SUCCESS_PAID("sale.updated.success.paid", "A pending sale was paid: salvaged."),
    SALE_UPDATED_FAILED_DECLINED("sale.updated.failed.declined", "A pending sale failed for good."),
    SALE_UPDATED_VOID("sale.updated.void", "A paid sale was voided."),
    SALE_UPDATED_REFUNDED_PARTIAL("sale.updated.refunded.partial", "A refund made a paid sale partially refunded."),
    SALE_UPDATED_REFUNDED_FULL("sale.updated.refunded.full", "A refund made a sale refunded in full."),
    REFUND_CREATED("refund.created", "A refund was recorded on a sale, one of its product sales, or a subscription renewal."),
    CHARGEBACK_CREATED("chargeback.created", "A chargeback was recorded on a sale."),
    PAYPAL_DISPUTE_CREATED("paypal_dispute.created", "A PayPal dispute was recorded on a sale."),
    FRAUD_DETECTION_CREATED("fraud_detection.created", "A fraud detection was recorded on a customer or one of its sales."),
    SUBSCRIPTION_CREATED("subscription.created", "A subscription was recorded, in any status."),
    SUBSCRIPTION_UPDATED_ACTIVE("subscription.updated.active", "A subscription became active: its trial ended with a successful billing, or it was overdue or suspended."),
    SUBSCRIPTION_UPDATED_OVERDUE("subscription.updated.overdue", "A subscription became overdue: its billing failed."),
    SUBSCRIPTION_UPDATED_OCCURRENCE_LIMIT("subscription.updated.occurrence_limit", "A subscription renewed as often as agreed and ended."),
    SUBSCRIPTION_UPDATED_SUSPENDED("subscription.updated.suspended", "A subscription was suspended."),
    SUBSCRIPTION_UPDATED_CANCELLED("subscription.updated.cancelled", "A subscription was cancelled."),
    TRIAL_CREATED("trial.created", "A subscription was recorded as a trial: the trial started."),
    TRIAL_UPDATED_EXPIRED_SUCCESS("trial.updated.expired.success", "A trial ended with a successful billing: the subscription became active."),
    TRIAL_UPDATED_EXPIRED_FAILED("trial.updated.expired.failed", "A trial ended without a successful billing: the subscription became overdue or cancelled."),
    SUBSCRIPTION_RENEWAL_CREATED_SUCCESS("subscription_renewal.created.success", "A successful subscription renewal was recorded."),
    SUBSCRIPTION_RENEWAL_CREATED_FAILED("subscription_renewal.created.failed", "A failed subscription renewal was recorded; it may still be salvaged."),
    SUBSCRIPTION_RENEWAL_CREATED_OVERDUE("subscription_renewal.created.overdue", "An overdue subscription renewal was recorded; it may still be salvaged."),
    SUBSCRIPTION_RENEWAL_UPDATED_SUCCESS("subscription_renewal.updated.success", "A failed or overdue subscription renewal was paid: salvaged."),
    SUBSCRIPTION_RENEWAL_UPDATED_FAILED("subscription_renewal.updated.failed", "An overdue subscription renewal failed."),
    SUBSCRIPTION_RENEWAL_UPDATED_OVERDUE("subscription_renewal.updated.overdue", "A failed subscription renewal became overdue."),
    SHIPPING_CREATED("shipping.created", "A shipment of a sale was recorded."),
    SHIPPING_UPDATED_SHIPPED("shipping.updated.shipped", "A shipment was handed to its carrier."),
    SHIPPING_UPDATED_DELIVERED("shipping.updated.delivered", "A shipment was delivered."),
    SHIPPING_UPDATED_RETURNED("shipping.updated.returned", "A shipped or delivered shipment came back."),
    CUSTOMER_GROUP_ADDED("customer.updated.customer_group.added", "A customer joined a customer group."),
    CUSTOMER_GROUP_REMOVED("customer.updated.customer_group.removed", "A customer left a customer group.");

    private final String wire;
    private final String meaning;

    Notation(String wire, String meaning) {
        this.wire = wire;
        this.meaning = meaning;
    }

    /** The notation as written in events and by subscribers, e.g. {@code customer.created}. */
    public String wire() {
        return wire;
    }

    public String meaning() {
        return meaning;
    }

    public static Optional<Notation> fromWire(String wire) {
        return Arrays.stream(values()).filter(n -> n.wire.equals(wire)).findFirst();
    }
}
