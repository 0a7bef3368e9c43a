package io.clientele.testing;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clientele.platform.Json;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * CreateSale input that reads like prose:
 * {@code aSale().paid().by(jane).of(paver, 2).at("19.99").discounted("5.00").build()}. Line modifiers
 * ({@code at}, {@code discounted}, {@code taxed}, {@code shipped}, {@code asUpsell}) apply to the line
 * added last.
 */
public final class SaleBuilder {
    private final ObjectNode json = Json.object().put("status", "paid");
    private final ArrayNode lines = json.putArray("product_sales");

    private SaleBuilder() {}

    /** A paid sale with no customer and no lines yet. */
    public static SaleBuilder aSale() {
        return new SaleBuilder();
    }

    public SaleBuilder paid() {
        return withStatus("paid");
    }

    public SaleBuilder declined() {
        return withStatus("pending_declined");
    }

    public SaleBuilder abandoned() {
        return withStatus("pending_abandoned");
    }

    public SaleBuilder failed() {
        return withStatus("failed_declined");
    }

    public SaleBuilder withStatus(String status) {
        json.put("status", status);
        return this;
    }

    public SaleBuilder by(String customerId) {
        json.put("customer_id", customerId);
        return this;
    }

    /** The customer by contact details instead of an id. */
    public SaleBuilder byContact(CustomerBuilder customer) {
        json.set("customer", customer.build());
        return this;
    }

    /** A line of {@code quantity} of the product, at its catalogue price unless {@link #at} follows. */
    public SaleBuilder of(String productId, int quantity) {
        lines.addObject().put("product_id", productId).put("quantity", quantity);
        return this;
    }

    public SaleBuilder at(String price) {
        return onLastLine("price", price);
    }

    public SaleBuilder discounted(String discount) {
        return onLastLine("discount", discount);
    }

    public SaleBuilder taxed(String tax) {
        return onLastLine("tax", tax);
    }

    public SaleBuilder shipped(String shipping) {
        return onLastLine("shipping", shipping);
    }

    public SaleBuilder asUpsell() {
        ((ObjectNode) lines.get(lines.size() - 1)).put("upsell", true);
        return this;
    }

    public SaleBuilder withExternalId(String externalId) {
        json.put("external_id", externalId);
        return this;
    }

    public SaleBuilder soldAt(Instant at) {
        json.put("sold_at", at.toString());
        return this;
    }

    public SaleBuilder fromCampaign(String campaignId) {
        json.put("campaign_id", campaignId);
        return this;
    }

    public SaleBuilder throughShop(String shopId) {
        json.put("third_party_shop_id", shopId);
        return this;
    }

    public SaleBuilder withGatewayResponse(String code, String message) {
        json.set("transaction", gateway(code, message));
        return this;
    }

    public ObjectNode build() {
        return json.deepCopy();
    }

    /** A {@code transaction} object for CreateSale, EditSale or CreateRefund. */
    public static ObjectNode gateway(String code, String message) {
        return Json.object().put("gateway_response_code", code).put("gateway_response_message", message);
    }

    /** A product of the tenant at this catalogue price ({@code null}: none); answers its id. */
    public static String product(Api.Tenant tenant, String price) {
        ProductBuilder product = ProductBuilder.aProduct().named("Product " + (price == null ? "unpriced" : price));
        if (price != null) product.pricedAt(price);
        return tenant.ok("UpsertProduct", product.build()).text("product_id");
    }

    private SaleBuilder onLastLine(String field, String amount) {
        ((ObjectNode) lines.get(lines.size() - 1)).put(field, new BigDecimal(amount));
        return this;
    }
}
