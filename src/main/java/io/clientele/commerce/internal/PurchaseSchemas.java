package io.clientele.commerce.internal;

import static io.clientele.operation.Schemas.array;
import static io.clientele.operation.Schemas.id;
import static io.clientele.operation.Schemas.integer;
import static io.clientele.operation.Schemas.nullable;
import static io.clientele.operation.Schemas.object;
import static io.clientele.operation.Schemas.string;
import static io.clientele.operation.Schemas.timestamp;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clientele.commerce.Sales;

/** Schema pieces of a customer's purchase history: products purchased and recent sales. */
final class PurchaseSchemas {
    private PurchaseSchemas() {}

    static ObjectNode productPurchased() {
        return object("What the customer bought of one product in successful sales (paid, partially refunded, refunded).")
                .required("product_id", id("The product."))
                .required("name", string(1000, "The product's name now."))
                .required("internal_id", nullable(string(200, "Your id of the product.")))
                .required("sku", nullable(string(200, "The product's SKU.")))
                .required("quantity", integer(1, Long.MAX_VALUE, "Σ quantity bought."))
                .required("average_price", SaleSchemas.amount("Average unit price paid: Σ quantity × price / Σ quantity, before discounts."))
                .required("gross", SaleSchemas.amount("Σ totals of its product sales (after discounts, with tax and shipping)."))
                .required("refunded", SaleSchemas.amount("Refunds of its product sales, plus their share (by total) of refunds of whole sales."))
                .required("purchase_count", integer(1, Integer.MAX_VALUE, "How many sales included it."))
                .required("first_purchased_at", timestamp("sold_at of the first sale that included it."))
                .required("last_purchased_at", timestamp("sold_at of the newest sale that included it."))
                .build();
    }

    static ObjectNode productsPurchased(int max, String description) {
        return array(productPurchased(), max, description);
    }

    static ObjectNode recentSale() {
        return object("A sale, summarised: status, amounts and its lines.")
                .required("sale_id", id("The sale."))
                .required("external_id", nullable(string(SaleSchemas.EXTERNAL_ID_LENGTH, "Your id of the sale, when you sent one.")))
                .required("status", SaleSchemas.status("Its status now."))
                .required("sold_at", timestamp("When it was sold (UTC)."))
                .required("total", SaleSchemas.amount("Its total."))
                .required("refunded", SaleSchemas.amount("Σ refunds so far."))
                .required("lines", array(object("One product sale of it.")
                        .required("product_id", id("The product."))
                        .required("name", string(1000, "The product's name now."))
                        .required("quantity", integer(1, Sales.MAX_QUANTITY, "How many."))
                        .required("total", SaleSchemas.amount("The line's total."))
                        .build(), Sales.MAX_PRODUCT_SALES, "Its product sales, in the order sent."))
                .build();
    }
}
