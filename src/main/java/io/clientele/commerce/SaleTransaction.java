package io.clientele.commerce;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;

/**
 * A payment gateway attempt on a sale: the charge ({@code sale}), a refund, or a void, whether it
 * succeeded, and what the gateway answered. {@code refundId} links a refund's transaction to its refund.
 */
public record SaleTransaction(
        String saleTransactionId,
        String saleId,
        String customerId,
        String refundId,
        Kind kind,
        BigDecimal amount,
        boolean success,
        String gatewayResponseCode,
        String gatewayResponseMessage,
        Instant createdAt) {

    public enum Kind {
        SALE,
        REFUND,
        VOID;

        @JsonValue
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        @JsonCreator
        public static Kind fromWire(String wire) {
            return Arrays.stream(values()).filter(k -> k.wire().equals(wire)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("not a transaction kind: " + wire));
        }
    }
}
