package io.clientele.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clientele.platform.Json;
import java.math.BigDecimal;

/** UpsertProduct input that reads like prose: {@code aProduct().named("Paver").pricedAt("19.99").inGroup(pavers)}. */
public final class ProductBuilder {
    private final ObjectNode json = Json.object().put("name", "Product");

    private ProductBuilder() {}

    /** A product with a name and nothing else. */
    public static ProductBuilder aProduct() {
        return new ProductBuilder();
    }

    public ProductBuilder named(String name) {
        json.put("name", name);
        return this;
    }

    /** Updates the product with this id instead of creating one. */
    public ProductBuilder withId(String productId) {
        json.put("product_id", productId);
        return this;
    }

    public ProductBuilder withSku(String sku) {
        json.put("sku", sku);
        return this;
    }

    public ProductBuilder knownInternallyAs(String internalId) {
        json.put("internal_id", internalId);
        return this;
    }

    /** The price as a JSON number with exactly these digits, e.g. {@code "19.99"}. */
    public ProductBuilder pricedAt(String price) {
        json.put("price", new BigDecimal(price));
        return this;
    }

    public ProductBuilder inGroup(String productGroupId) {
        json.put("product_group_id", productGroupId);
        return this;
    }

    public ObjectNode build() {
        return json.deepCopy();
    }
}
