package io.clientele.commerce;

import java.util.List;

/**
 * A sale with its product sales, gateway transactions, refunds, chargebacks, PayPal disputes and fraud
 * detections and shipments, each oldest first.
 */
public record SaleDetails(Sale sale, List<ProductSale> productSales, List<SaleTransaction> transactions,
                          List<Refund> refunds, List<Chargeback> chargebacks, List<PaypalDispute> paypalDisputes,
                          List<FraudDetection> fraudDetections, List<Shipping> shipments) {}
