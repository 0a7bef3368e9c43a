package io.clientele.commerce;

/**
 * What the payment gateway answered to an attempt, as the caller reports it. Sending one (even empty)
 * records a {@link SaleTransaction}; its kind, amount and success follow from the change it goes with.
 */
public record GatewayResponse(String gatewayResponseCode, String gatewayResponseMessage) {}
