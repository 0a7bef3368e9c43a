package io.clientele.commerce.internal;

import static io.clientele.operation.Schemas.array;
import static io.clientele.operation.Schemas.bool;
import static io.clientele.operation.Schemas.enumOf;
import static io.clientele.operation.Schemas.id;
import static io.clientele.operation.Schemas.integer;
import static io.clientele.operation.Schemas.nullable;
import static io.clientele.operation.Schemas.object;
import static io.clientele.operation.Schemas.string;
import static io.clientele.operation.Schemas.timestamp;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clientele.commerce.SaleStatus;
import io.clientele.commerce.Sales;
import io.clientele.operation.Schemas;
import java.util.List;

/** Schema pieces the sales operations share, so a field has one definition and one limit. */
final class SaleSchemas {
    static final int EXTERNAL_ID_LENGTH = 100;
    static final int REASON_LENGTH = 500;
    static final int SOURCE_LENGTH = 100;
    static final int GATEWAY_CODE_LENGTH = 100;
    static final int GATEWAY_MESSAGE_LENGTH = 1000;

    private SaleSchemas() {}

    static ObjectNode status(String description) {
        return enumOf(description, SaleStatus.wires(List.of(SaleStatus.values())));
    }

    /** An amount in an answer: a number with 2 decimals (never negative). */
    static ObjectNode amount(String description) {
        return Schemas.number(description).put("minimum", 0);
    }

    static ObjectNode gatewayResponse(String description) {
        return object(description)
                .property("gateway_response_code", string(GATEWAY_CODE_LENGTH, "The gateway's response or decline code, e.g. 05 or card_declined."))
                .property("gateway_response_message", string(GATEWAY_MESSAGE_LENGTH, "The gateway's message, e.g. Do not honor."))
                .build();
    }

    static ObjectNode newProductSale() {
        return object("One product sold.")
                .required("product_id", id("The product (20-character id from the catalogue)."))
                .required("quantity", integer(1, Sales.MAX_QUANTITY, "How many, 1 to " + Sales.MAX_QUANTITY + "."))
                .property("price", Schemas.money("Unit price it was sold at; default: the product's catalogue price."))
                .property("discount", Schemas.money("Discount on this line (not per unit); default 0."))
                .property("tax", Schemas.money("Tax on this line; default 0."))
                .property("shipping", Schemas.money("Shipping charged for this line; default 0."))
                .property("upsell", bool("Whether this line was an upsell (offered after the initial order); default false."))
                .build();
    }

    static ObjectNode sale() {
        return object("A sale. Its amounts are the sums of its product sales.")
                .required("sale_id", id("The sale's id."))
                .required("customer_id", id("Its customer."))
                .required("external_id", nullable(string(EXTERNAL_ID_LENGTH, "Your id of the sale, when you sent one.")))
                .required("status", status("paid, pending_declined, pending_abandoned, failed_declined, void, partially_refunded or refunded."))
                .required("campaign_id", nullable(id("The campaign it came from.")))
                .required("third_party_shop_id", nullable(id("The third-party shop it was sold through.")))
                .required("sold_at", timestamp("When it was sold (UTC)."))
                .required("subtotal", amount("Σ quantity × price."))
                .required("discount", amount("Σ discounts."))
                .required("tax", amount("Σ tax."))
                .required("shipping", amount("Σ shipping."))
                .required("total", amount("subtotal − discount + tax + shipping."))
                .required("refunded", amount("Σ refunds so far."))
                .required("upsell", bool("Whether any product sale was an upsell."))
                .required("created_at", timestamp("When it was recorded."))
                .required("updated_at", timestamp("When it last changed."))
                .build();
    }

    static ObjectNode sales(String description) {
        return array(sale(), 100, description);
    }

    static ObjectNode productSale() {
        return object("A product sale: one line of a sale.")
                .required("product_sale_id", id("Its id."))
                .required("sale_id", id("Its sale."))
                .required("customer_id", id("Its customer."))
                .required("product_id", id("The product."))
                .required("quantity", integer(1, Sales.MAX_QUANTITY, "How many."))
                .required("price", amount("Unit price."))
                .required("discount", amount("Discount on the line."))
                .required("tax", amount("Tax on the line."))
                .required("shipping", amount("Shipping on the line."))
                .required("upsell", bool("Whether it was an upsell."))
                .required("total", amount("quantity × price − discount + tax + shipping."))
                .required("refunded", amount("Σ refunds of this line."))
                .required("created_at", timestamp("When it was recorded."))
                .build();
    }

    static ObjectNode transaction() {
        return object("A payment gateway attempt on the sale.")
                .required("sale_transaction_id", id("Its id."))
                .required("sale_id", id("Its sale."))
                .required("customer_id", id("Its customer."))
                .required("refund_id", nullable(id("For a refund transaction, the refund.")))
                .required("kind", enumOf("sale (a charge), refund or void.", List.of("sale", "refund", "void")))
                .required("amount", amount("The amount attempted."))
                .required("success", bool("Whether the gateway accepted it."))
                .required("gateway_response_code", nullable(string(GATEWAY_CODE_LENGTH, "The gateway's code.")))
                .required("gateway_response_message", nullable(string(GATEWAY_MESSAGE_LENGTH, "The gateway's message.")))
                .required("created_at", timestamp("When it was recorded."))
                .build();
    }

    static ObjectNode refund() {
        return object("A refund.")
                .required("refund_id", id("Its id."))
                .required("sale_id", nullable(id("The sale refunded; null for a refund of a subscription renewal.")))
                .required("product_sale_id", nullable(id("The product sale refunded, when the refund is of one line.")))
                .required("subscription_renewal_id", nullable(id("The subscription renewal refunded, when it is of one.")))
                .required("customer_id", id("Its customer."))
                .required("amount", amount("The amount given back."))
                .required("reason", nullable(string(REASON_LENGTH, "Why.")))
                .required("created_at", timestamp("When it was recorded."))
                .build();
    }

    static ObjectNode chargeback() {
        return object("A chargeback: money the customer's bank took back on a sale.")
                .required("chargeback_id", id("Its id."))
                .required("sale_id", id("The sale charged back."))
                .required("customer_id", id("Its customer."))
                .required("amount", amount("The amount taken back."))
                .required("reason", nullable(string(REASON_LENGTH, "Why, e.g. the bank's reason code.")))
                .required("created_at", timestamp("When it was recorded."))
                .build();
    }

    static ObjectNode paypalDispute() {
        return object("A PayPal dispute of a sale.")
                .required("paypal_dispute_id", id("Its id."))
                .required("sale_id", id("The sale disputed."))
                .required("customer_id", id("Its customer."))
                .required("amount", amount("The amount disputed."))
                .required("reason", nullable(string(REASON_LENGTH, "Why, e.g. item not received.")))
                .required("created_at", timestamp("When it was recorded."))
                .build();
    }

    static ObjectNode fraudDetection() {
        return object("A fraud detection on a customer, or on one of its sales.")
                .required("fraud_detection_id", id("Its id."))
                .required("sale_id", nullable(id("The sale it is about, if any.")))
                .required("customer_id", id("The customer."))
                .required("source", nullable(string(SOURCE_LENGTH, "Who detected it, e.g. the fraud service's name.")))
                .required("score", nullable(integer(0, 100, "Its score, 0 to 100.")))
                .required("reason", nullable(string(REASON_LENGTH, "Why.")))
                .required("created_at", timestamp("When it was recorded."))
                .build();
    }

    static ObjectNode lifetimeValue() {
        ObjectNode count = integer(0, Integer.MAX_VALUE, null);
        return object("A customer's lifetime value figures; docs/commerce.md defines each.")
                .required("customer_id", id("The customer."))
                .required("num_sale", described(count, "Every sale, whatever its status."))
                .required("num_success_sale", described(count, "Sales paid, partially refunded or refunded."))
                .required("num_pending_declined_sale", described(count, "Sales now pending_declined."))
                .required("num_pending_abandoned_sale", described(count, "Sales now pending_abandoned."))
                .required("num_failed_declined_sale", described(count, "Sales now failed_declined."))
                .required("num_void_sale", described(count, "Sales now void."))
                .required("num_upsell_sale", described(count, "Successful sales with at least one upsell product sale."))
                .required("sale_gross", amount("Σ total of successful sales."))
                .required("gross", amount("sale_gross + renewal_gross."))
                .required("discounted", amount("Σ discount of successful sales."))
                .required("refunded", amount("Σ refunds of sales and renewals (seed 002's lifetime_refunded)."))
                .required("chargeback_amount", amount("Σ chargebacks, whatever their sale's status now (seed 002's lifetime_chargeback)."))
                .required("net", Schemas.number("gross − refunded − chargeback_amount: seed 002's lifetime_value."))
                .required("remaining", amount("Σ total of pending sales (declined and abandoned)."))
                .required("amount_to_salvage", amount("Σ total of pending_declined sales + Σ amount of failed and overdue renewals."))
                .required("total", amount("gross + remaining."))
                .required("avg_sale", amount("sale_gross / num_success_sale, rounded half-even to cents; 0 without successful sales."))
                .required("last_sale_at", nullable(timestamp("sold_at of the newest successful sale.")))
                .required("num_chargeback", described(count, "Chargebacks recorded (seed 002's num_chargeback)."))
                .required("num_fraud_detection", described(count, "Fraud detections recorded on the customer or its sales."))
                .required("num_paypal_dispute", described(count, "PayPal disputes recorded (seed 002's num_paypal_dispute)."))
                .required("paypal_dispute_amount", amount("Σ PayPal disputes (seed 002's lifetime_paypal_dispute); not subtracted from net."))
                .required("num_renewal", described(count, "Subscription renewals recorded, in any status (seed 002's num_renewal)."))
                .required("num_success_renewal", described(count, "Renewals now success."))
                .required("num_overdue_renewal", described(count, "Renewals now overdue."))
                .required("renewal_gross", amount("Σ amount of successful renewals; part of gross."))
                .required("last_renewal_at", nullable(timestamp("renewed_at of the newest successful renewal (seed 002's days_last_renewal counts from it).")))
                .required("num_active_subscription", described(count, "Subscriptions now active."))
                .required("num_trial_subscription", described(count, "Subscriptions now in a trial."))
                .required("num_overdue_subscription", described(count, "Subscriptions now overdue."))
                .required("num_occurrence_limit_subscription", described(count, "Subscriptions that reached their occurrence limit."))
                .required("num_suspended_subscription", described(count, "Subscriptions now suspended."))
                .required("num_cancelled_subscription", described(count, "Subscriptions now cancelled."))
                .required("updated_at", nullable(timestamp("When the figures last changed; null without any record.")))
                .build();
    }

    private static ObjectNode described(ObjectNode schema, String description) {
        return schema.deepCopy().put("description", description);
    }
}
