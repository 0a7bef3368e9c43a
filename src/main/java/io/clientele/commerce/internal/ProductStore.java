package io.clientele.commerce.internal;

import io.clientele.operation.Paging;
import static io.clientele.commerce.internal.CatalogueStore.instant;

import io.clientele.commerce.Product;
import io.clientele.platform.Tx;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** SQL for the {@code product} table. */
public final class ProductStore implements CatalogueStore<Product> {
    /** Filters of {@code GetProducts}; null means "any". */
    record Filter(String productGroupId, String sku, String internalId) {}

    @Override
    public String itemType() {
        return "product";
    }

    @Override
    public String table() {
        return "product";
    }

    @Override
    public String columns() {
        return "id, name, sku, internal_id, price, product_group_id, created_at, updated_at";
    }

    @Override
    public Product read(ResultSet rs) throws SQLException {
        return new Product(rs.getString("id"), rs.getString("name"), rs.getString("sku"), rs.getString("internal_id"),
                rs.getBigDecimal("price"), rs.getString("product_group_id"), instant(rs, "created_at"),
                instant(rs, "updated_at"));
    }

    @Override
    public String idOf(Product item) {
        return item.productId();
    }

    @Override
    public String internalIdOf(Product item) {
        return item.internalId();
    }

    @Override
    public void insert(Tx tx, Product p) {
        tx.handle().createUpdate("""
                        INSERT INTO product (tenant_id, id, name, sku, internal_id, price, product_group_id, created_at, updated_at)
                        VALUES (:tenant, :id, :name, :sku, :internalId, :price, :productGroupId, :createdAt, :updatedAt)""")
                .bind("tenant", tx.tenant().value())
                .bindMethods(p)
                .bind("id", p.productId())
                .execute();
    }

    @Override
    public void update(Tx tx, Product p) {
        tx.handle().createUpdate("""
                        UPDATE product SET name = :name, sku = :sku, internal_id = :internalId, price = :price,
                            product_group_id = :productGroupId, updated_at = :updatedAt
                        WHERE tenant_id = :tenant AND id = :id""")
                .bind("tenant", tx.tenant().value())
                .bindMethods(p)
                .bind("id", p.productId())
                .execute();
    }

    List<Product> list(Tx tx, Filter f, Paging paging) {
        StringBuilder conditions = new StringBuilder();
        Map<String, Object> values = new HashMap<>();
        if (f.productGroupId() != null) {
            conditions.append(" AND product_group_id = :productGroupId");
            values.put("productGroupId", f.productGroupId());
        }
        if (f.sku() != null) {
            conditions.append(" AND sku = :sku");
            values.put("sku", f.sku());
        }
        if (f.internalId() != null) {
            conditions.append(" AND internal_id = :internalId");
            values.put("internalId", f.internalId());
        }
        return list(tx, conditions.toString(), values, paging);
    }
}
