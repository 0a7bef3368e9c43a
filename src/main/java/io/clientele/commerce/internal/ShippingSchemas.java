package io.clientele.commerce.internal;

import static io.clientele.operation.Schemas.enumOf;
import static io.clientele.operation.Schemas.id;
import static io.clientele.operation.Schemas.nullable;
import static io.clientele.operation.Schemas.object;
import static io.clientele.operation.Schemas.string;
import static io.clientele.operation.Schemas.timestamp;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clientele.commerce.ShippingStatus;
import java.util.List;

/** Schema pieces the shipping operations share. */
final class ShippingSchemas {
    static final int CARRIER_LENGTH = 100;
    static final int TRACKING_NUMBER_LENGTH = 200;
    static final int TRACKING_URL_LENGTH = 2000;

    private ShippingSchemas() {}

    static ObjectNode status(String description) {
        return enumOf(description, ShippingStatus.wires(List.of(ShippingStatus.values())));
    }

    static ObjectNode carrier(String description) {
        return string(CARRIER_LENGTH, description);
    }

    static ObjectNode trackingNumber(String description) {
        return string(TRACKING_NUMBER_LENGTH, description);
    }

    static ObjectNode trackingUrl(String description) {
        return string(TRACKING_URL_LENGTH, description);
    }

    static ObjectNode shipping() {
        return object("A shipment of a sale.")
                .required("shipping_id", id("Its id."))
                .required("sale_id", id("The sale shipped."))
                .required("customer_id", id("Its customer."))
                .required("status", status("created, shipped, delivered or returned."))
                .required("carrier", nullable(carrier("The carrier, e.g. UPS.")))
                .required("tracking_number", nullable(trackingNumber("The carrier's tracking number.")))
                .required("tracking_url", nullable(trackingUrl("Where to track it.")))
                .required("shipped_at", nullable(timestamp("When it was shipped.")))
                .required("delivered_at", nullable(timestamp("When it was delivered.")))
                .required("returned_at", nullable(timestamp("When it came back.")))
                .required("created_at", timestamp("When it was recorded."))
                .required("updated_at", timestamp("When it last changed."))
                .build();
    }
}
