package io.clientele.commerce.internal;

import io.clientele.operation.Paging;
import static io.clientele.commerce.internal.CatalogueStore.instant;

import io.clientele.commerce.Campaign;
import io.clientele.platform.Tx;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/** SQL for the {@code campaign} table. */
public final class CampaignStore implements CatalogueStore<Campaign> {
    @Override
    public String itemType() {
        return "campaign";
    }

    @Override
    public String table() {
        return "campaign";
    }

    @Override
    public String columns() {
        return "id, name, internal_id, description, created_at, updated_at";
    }

    @Override
    public Campaign read(ResultSet rs) throws SQLException {
        return new Campaign(rs.getString("id"), rs.getString("name"), rs.getString("internal_id"),
                rs.getString("description"), instant(rs, "created_at"), instant(rs, "updated_at"));
    }

    @Override
    public String idOf(Campaign item) {
        return item.campaignId();
    }

    @Override
    public String internalIdOf(Campaign item) {
        return item.internalId();
    }

    @Override
    public void insert(Tx tx, Campaign c) {
        tx.handle().createUpdate("""
                        INSERT INTO campaign (tenant_id, id, name, internal_id, description, created_at, updated_at)
                        VALUES (:tenant, :id, :name, :internalId, :description, :createdAt, :updatedAt)""")
                .bind("tenant", tx.tenant().value())
                .bindMethods(c)
                .bind("id", c.campaignId())
                .execute();
    }

    @Override
    public void update(Tx tx, Campaign c) {
        tx.handle().createUpdate("""
                        UPDATE campaign SET name = :name, internal_id = :internalId, description = :description,
                            updated_at = :updatedAt
                        WHERE tenant_id = :tenant AND id = :id""")
                .bind("tenant", tx.tenant().value())
                .bindMethods(c)
                .bind("id", c.campaignId())
                .execute();
    }

    /** A page of campaigns, all or only the one with this internal_id. */
    List<Campaign> list(Tx tx, String internalId, Paging paging) {
        return internalId == null
                ? list(tx, "", Map.of(), paging)
                : list(tx, " AND internal_id = :internalId", Map.of("internalId", internalId), paging);
    }
}
