package io.clientele.group.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.clientele.commerce.CommerceFacts;
import io.clientele.customer.CustomerFacts;
import io.clientele.group.Figure;
import io.clientele.group.SubscriptionStatus;
import io.clientele.platform.Json;
import io.clientele.platform.Tx;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the {@link Facts} of some customers, their stored memberships included, in one statement, from the
 * relations the customer and commerce features publish. Ties and metadata are read only when a qualifier being
 * evaluated looks at them.
 */
final class FactsReader {
    private FactsReader() {}

    /** The facts of those of the customers who are live; a deleted or merged customer has none. */
    static Map<String, Facts> read(Tx tx, Collection<String> customerIds, boolean links, boolean metadata) {
        String sql = "SELECT c.customer_id AS fact_customer_id, c.created_at, c.campaign_id, f.*, "
                + (links ? "ARRAY(SELECT l.kind || ' ' || l.ref_id FROM (" + CommerceFacts.LINKS + ") l"
                        + " WHERE l.customer_id = c.customer_id)" : "CAST(NULL AS text[])") + " AS fact_links, "
                + (metadata ? "(SELECT CAST(json_agg(json_build_array(m.name, m.value)) AS text) FROM (" + CustomerFacts.METADATA
                        + ") m WHERE m.customer_id = c.customer_id)" : "CAST(NULL AS text)") + " AS fact_metadata,"
                + " ARRAY(SELECT gm.customer_group_id FROM customer_group_member gm WHERE gm.tenant_id = :tenant"
                + " AND gm.customer_id = c.customer_id) AS fact_groups"
                + " FROM (" + CustomerFacts.LIVE + ") c LEFT JOIN (" + CommerceFacts.FIGURES + ") f ON f.customer_id = c.customer_id"
                + " WHERE c.customer_id = ANY(CAST(:customers AS text[]))";
        Map<String, Facts> out = new HashMap<>();
        tx.handle().createQuery(sql)
                .bind("tenant", tx.tenant().value())
                .bind("customers", customerIds.toArray(String[]::new))
                .map((rs, ctx) -> read(rs))
                .forEach(f -> out.put(f.customerId(), f));
        return out;
    }

    /** Every group each of the customers is stored as a member of, manual and rule-based (for those without facts). */
    static Map<String, Set<String>> memberships(Tx tx, Collection<String> customerIds) {
        Map<String, Set<String>> out = new HashMap<>();
        tx.handle().createQuery("SELECT customer_id, customer_group_id FROM customer_group_member"
                        + " WHERE tenant_id = :tenant AND customer_id = ANY(CAST(:customers AS text[]))")
                .bind("tenant", tx.tenant().value())
                .bind("customers", customerIds.toArray(String[]::new))
                .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2)))
                .forEach(m -> out.computeIfAbsent(m.getKey(), k -> new HashSet<>()).add(m.getValue()));
        return out;
    }

    private static Facts read(ResultSet rs) throws SQLException {
        Map<Figure, BigDecimal> amounts = new EnumMap<>(Figure.class);
        for (Figure figure : Figure.values()) {
            if (figure.kind() == Figure.Kind.DAYS) continue;
            BigDecimal value = rs.getBigDecimal(FigureColumns.column(figure));
            amounts.put(figure, value == null ? BigDecimal.ZERO : value);
        }
        Set<SubscriptionStatus> statuses = EnumSet.noneOf(SubscriptionStatus.class);
        for (SubscriptionStatus status : SubscriptionStatus.values()) {
            if (rs.getInt(FigureColumns.subscriptions(status)) > 0) statuses.add(status);
        }
        Map<String, Set<String>> links = new HashMap<>();
        Array linkArray = rs.getArray("fact_links");
        if (linkArray != null) {
            for (Object link : (Object[]) linkArray.getArray()) {
                String[] kindAndId = ((String) link).split(" ", 2);
                links.computeIfAbsent(kindAndId[0], k -> new HashSet<>()).add(kindAndId[1]);
            }
        }
        Map<String, Set<String>> metadata = new HashMap<>();
        String metadataJson = rs.getString("fact_metadata");
        if (metadataJson != null) {
            for (JsonNode pair : Json.read(metadataJson)) {
                metadata.computeIfAbsent(pair.get(0).asText(), k -> new LinkedHashSet<>()).add(pair.get(1).asText());
            }
        }
        Set<String> groups = new HashSet<>(List.of((String[]) rs.getArray("fact_groups").getArray()));
        return new Facts(rs.getString("fact_customer_id"), instant(rs, "created_at"), rs.getString("campaign_id"),
                instant(rs, "last_sale_at"), instant(rs, "last_renewal_at"), amounts, links, metadata, statuses, groups);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
