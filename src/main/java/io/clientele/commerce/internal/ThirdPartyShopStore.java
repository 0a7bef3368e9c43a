package io.clientele.commerce.internal;

import io.clientele.operation.Paging;
import static io.clientele.commerce.internal.CatalogueStore.instant;

import io.clientele.commerce.ThirdPartyShop;
import io.clientele.platform.Tx;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/** SQL for the {@code third_party_shop} table. */
public final class ThirdPartyShopStore implements CatalogueStore<ThirdPartyShop> {
    @Override
    public String itemType() {
        return "third_party_shop";
    }

    @Override
    public String table() {
        return "third_party_shop";
    }

    @Override
    public String columns() {
        return "id, name, internal_id, url, description, created_at, updated_at";
    }

    @Override
    public ThirdPartyShop read(ResultSet rs) throws SQLException {
        return new ThirdPartyShop(rs.getString("id"), rs.getString("name"), rs.getString("internal_id"),
                rs.getString("url"), rs.getString("description"), instant(rs, "created_at"), instant(rs, "updated_at"));
    }

    @Override
    public String idOf(ThirdPartyShop item) {
        return item.thirdPartyShopId();
    }

    @Override
    public String internalIdOf(ThirdPartyShop item) {
        return item.internalId();
    }

    @Override
    public void insert(Tx tx, ThirdPartyShop s) {
        tx.handle().createUpdate("""
                        INSERT INTO third_party_shop (tenant_id, id, name, internal_id, url, description, created_at, updated_at)
                        VALUES (:tenant, :id, :name, :internalId, :url, :description, :createdAt, :updatedAt)""")
                .bind("tenant", tx.tenant().value())
                .bindMethods(s)
                .bind("id", s.thirdPartyShopId())
                .execute();
    }

    @Override
    public void update(Tx tx, ThirdPartyShop s) {
        tx.handle().createUpdate("""
                        UPDATE third_party_shop SET name = :name, internal_id = :internalId, url = :url,
                            description = :description, updated_at = :updatedAt
                        WHERE tenant_id = :tenant AND id = :id""")
                .bind("tenant", tx.tenant().value())
                .bindMethods(s)
                .bind("id", s.thirdPartyShopId())
                .execute();
    }

    /** A page of shops, all or only the one with this internal_id. */
    List<ThirdPartyShop> list(Tx tx, String internalId, Paging paging) {
        return internalId == null
                ? list(tx, "", Map.of(), paging)
                : list(tx, " AND internal_id = :internalId", Map.of("internalId", internalId), paging);
    }
}
