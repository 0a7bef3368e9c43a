package io.clientele.commerce.internal;

import io.clientele.operation.Paging;
import static io.clientele.commerce.internal.CatalogueStore.instant;

import io.clientele.commerce.ProductGroup;
import io.clientele.platform.Tx;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/** SQL for the {@code product_group} table. */
public final class ProductGroupStore implements CatalogueStore<ProductGroup> {
    @Override
    public String itemType() {
        return "product_group";
    }

    @Override
    public String table() {
        return "product_group";
    }

    @Override
    public String columns() {
        return "id, name, internal_id, description, created_at, updated_at";
    }

    @Override
    public ProductGroup read(ResultSet rs) throws SQLException {
        return new ProductGroup(rs.getString("id"), rs.getString("name"), rs.getString("internal_id"),
                rs.getString("description"), instant(rs, "created_at"), instant(rs, "updated_at"));
    }

    @Override
    public String idOf(ProductGroup item) {
        return item.productGroupId();
    }

    @Override
    public String internalIdOf(ProductGroup item) {
        return item.internalId();
    }

    @Override
    public void insert(Tx tx, ProductGroup g) {
        tx.handle().createUpdate("""
                        INSERT INTO product_group (tenant_id, id, name, internal_id, description, created_at, updated_at)
                        VALUES (:tenant, :id, :name, :internalId, :description, :createdAt, :updatedAt)""")
                .bind("tenant", tx.tenant().value())
                .bindMethods(g)
                .bind("id", g.productGroupId())
                .execute();
    }

    @Override
    public void update(Tx tx, ProductGroup g) {
        tx.handle().createUpdate("""
                        UPDATE product_group SET name = :name, internal_id = :internalId, description = :description,
                            updated_at = :updatedAt
                        WHERE tenant_id = :tenant AND id = :id""")
                .bind("tenant", tx.tenant().value())
                .bindMethods(g)
                .bind("id", g.productGroupId())
                .execute();
    }

    /** A page of groups, all or only the one with this internal_id. */
    List<ProductGroup> list(Tx tx, String internalId, Paging paging) {
        return internalId == null
                ? list(tx, "", Map.of(), paging)
                : list(tx, " AND internal_id = :internalId", Map.of("internalId", internalId), paging);
    }
}
