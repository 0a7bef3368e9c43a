package io.clientele.group.internal;

import io.clientele.commerce.CommerceFacts;
import io.clientele.customer.CustomerFacts;
import io.clientele.group.CustomerGroupQualifier;
import io.clientele.group.Figure;
import io.clientele.group.ManualOnly;
import io.clientele.group.Qualifier;
import io.clientele.group.Range;
import io.clientele.group.SpecificValues;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.statement.SqlStatement;

/**
 * The SQL interpreter of a {@link Qualifier}: compiles it to one query of the tenant's qualifying customers, for
 * the sweep, full re-evaluation and previews. {@link QualifierCheck} is the same rules for one customer in
 * memory; {@code QualifierAgreementIT} holds the two to the same answers. The query reads the published
 * relations {@link CustomerFacts#LIVE} ({@code c}), {@link CommerceFacts#FIGURES} ({@code f}),
 * {@link CommerceFacts#LINKS}, {@link CustomerFacts#METADATA} and the group's own membership table, with
 * {@code :tenant} and {@code :now} bound by the caller.
 */
final class QualifierSql {
    /** The compiled qualifier: a {@code SELECT c.customer_id ...} and the values it binds. */
    record Query(String sql, Map<String, Object> binds) {
        <S extends SqlStatement<S>> S bind(S statement) {
            binds.forEach(statement::bind);
            return statement;
        }
    }

    private final Map<String, Object> binds = new LinkedHashMap<>();

    private QualifierSql() {}

    static Query compile(Qualifier qualifier) {
        QualifierSql compiler = new QualifierSql();
        String where = compiler.predicate(qualifier);
        return new Query("SELECT c.customer_id FROM (" + CustomerFacts.LIVE + ") c LEFT JOIN (" + CommerceFacts.FIGURES
                + ") f ON f.customer_id = c.customer_id WHERE " + where, Map.copyOf(compiler.binds));
    }

    private String predicate(Qualifier qualifier) {
        return switch (qualifier) {
            case ManualOnly m -> "false";
            case CustomerGroupQualifier cg -> composite(cg);
            case SpecificValues sv -> all(List.of(filters(sv.filters()), values(sv.values()), subscriptions(sv.subscriptionOptions())));
        };
    }

    private String composite(CustomerGroupQualifier cg) {
        List<String> parts = new ArrayList<>();
        if (!cg.inAny().isEmpty()) parts.add("c.customer_id IN (" + members(cg.inAny()) + ")");
        for (String group : cg.inAll()) parts.add("c.customer_id IN (" + members(List.of(group)) + ")");
        if (!cg.notIn().isEmpty()) {
            parts.add("NOT EXISTS (SELECT 1 FROM customer_group_member gm WHERE gm.tenant_id = :tenant"
                    + " AND gm.customer_id = c.customer_id AND gm.customer_group_id = ANY(" + texts(cg.notIn()) + "))");
        }
        return all(parts);
    }

    private String members(Collection<String> groups) {
        return "SELECT customer_id FROM customer_group_member WHERE tenant_id = :tenant AND customer_group_id = ANY("
                + texts(groups) + ")";
    }

    private String filters(SpecificValues.Filters f) {
        List<String> parts = new ArrayList<>();
        if (!f.campaigns().isEmpty()) {
            String ids = texts(f.campaigns());
            parts.add("(c.campaign_id = ANY(" + ids + ") OR c.customer_id IN (" + linked("campaign", ids) + "))");
        }
        if (!f.productGroups().isEmpty()) parts.add("c.customer_id IN (" + linked("product_group", texts(f.productGroups())) + ")");
        if (!f.thirdPartyShops().isEmpty()) parts.add("c.customer_id IN (" + linked("third_party_shop", texts(f.thirdPartyShops())) + ")");
        for (SpecificValues.MetadataCondition m : f.metadata()) {
            parts.add("c.customer_id IN (SELECT m.customer_id FROM (" + CustomerFacts.METADATA + ") m WHERE m.name = "
                    + bind(m.name()) + (m.anyValue() ? "" : " AND m.value = ANY(" + texts(m.values()) + ")") + ")");
        }
        return all(parts);
    }

    private static String linked(String kind, String ids) {
        return "SELECT l.customer_id FROM (" + CommerceFacts.LINKS + ") l WHERE l.kind = '" + kind + "' AND l.ref_id = ANY(" + ids + ")";
    }

    private String values(SpecificValues.Values v) {
        List<String> parts = new ArrayList<>();
        if (v.hasNoSales()) parts.add("COALESCE(f.num_sale, 0) = 0");
        parts.add(ranges(v.active()));
        return all(parts);
    }

    private String subscriptions(SpecificValues.SubscriptionOptions s) {
        if (!s.enabled()) return "true";
        List<String> parts = new ArrayList<>();
        if (!s.statuses().isEmpty()) {
            parts.add("(" + String.join(" OR ", s.statuses().stream().sorted()
                    .map(status -> "COALESCE(f." + FigureColumns.subscriptions(status) + ", 0) > 0").toList()) + ")");
        }
        parts.add(ranges(s.ranges()));
        return all(parts);
    }

    private String ranges(Map<Figure, Range> ranges) {
        List<String> parts = new ArrayList<>();
        ranges.forEach((figure, range) -> {
            if (range.enabled()) parts.add(expression(figure) + " BETWEEN " + bind(range.min()) + " AND " + bind(range.max()));
        });
        return all(parts);
    }

    /** The figure's value; null for a day count without its date, so no range holds (as in {@link Facts#value}). */
    static String expression(Figure figure) {
        if (figure.kind() == Figure.Kind.DAYS) {
            return "floor((extract(epoch FROM CAST(:now AS timestamptz)) - extract(epoch FROM " + FigureColumns.since(figure) + ")) / 86400)";
        }
        return "COALESCE(f." + FigureColumns.column(figure) + ", 0)";
    }

    private String texts(Collection<String> values) {
        return "CAST(" + bind(values.stream().sorted().toArray(String[]::new)) + " AS text[])";
    }

    private String bind(Object value) {
        String name = "q" + binds.size();
        binds.put(name, value);
        return ":" + name;
    }

    private static String all(List<String> parts) {
        List<String> real = parts.stream().filter(p -> !p.equals("true")).toList();
        return real.isEmpty() ? "true" : real.size() == 1 ? real.get(0) : "(" + String.join(" AND ", real) + ")";
    }

}
