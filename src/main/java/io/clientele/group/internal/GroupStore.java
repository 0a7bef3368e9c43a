package io.clientele.group.internal;

import io.clientele.operation.Paging;
import io.clientele.group.CustomerGroup;
import io.clientele.group.GroupRef;
import io.clientele.group.Qualifier;
import io.clientele.group.QualifierMethod;
import io.clientele.platform.Json;
import io.clientele.platform.Tx;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/** SQL for the {@code customer_group} table. Every statement names the tenant. */
public final class GroupStore {
    private static final String COLUMNS = "id, name, description, enabled, qualifier_method, qualifiers::text AS qualifiers,"
            + " created_at, updated_at";

    /**
     * Serializes the tenant's group definition changes (create, edit, delete), so two concurrent edits cannot
     * together make a cycle, nor a delete race a new reference to the deleted group.
     */
    public void lockDefinitions(Tx tx) {
        tx.handle().createQuery("SELECT 1 FROM (SELECT pg_advisory_xact_lock(hashtext('customer_group_definitions:'"
                        + " || :tenant))) AS locked")
                .bind("tenant", tx.tenant().value())
                .mapTo(Integer.class).one();
    }

    public void insert(Tx tx, CustomerGroup g) {
        tx.handle().createUpdate("""
                        INSERT INTO customer_group (tenant_id, id, name, description, enabled, qualifier_method, qualifiers,
                                                    created_at, updated_at)
                        VALUES (:tenant, :id, :name, :description, :enabled, :method, CAST(:qualifiers AS jsonb),
                                :createdAt, :updatedAt)""")
                .bind("tenant", tx.tenant().value())
                .bind("id", g.customerGroupId())
                .bind("name", g.name())
                .bind("description", g.description())
                .bind("enabled", g.enabled())
                .bind("method", g.qualifierMethod().wire())
                .bind("qualifiers", Json.write(g.qualifiers()))
                .bind("createdAt", g.createdAt())
                .bind("updatedAt", g.updatedAt())
                .execute();
    }

    public void update(Tx tx, CustomerGroup g) {
        tx.handle().createUpdate("""
                        UPDATE customer_group SET name = :name, description = :description, enabled = :enabled,
                            qualifier_method = :method, qualifiers = CAST(:qualifiers AS jsonb), updated_at = :updatedAt
                        WHERE tenant_id = :tenant AND id = :id""")
                .bind("tenant", tx.tenant().value())
                .bind("id", g.customerGroupId())
                .bind("name", g.name())
                .bind("description", g.description())
                .bind("enabled", g.enabled())
                .bind("method", g.qualifierMethod().wire())
                .bind("qualifiers", Json.write(g.qualifiers()))
                .bind("updatedAt", g.updatedAt())
                .execute();
    }

    public void delete(Tx tx, String id) {
        tx.handle().createUpdate("DELETE FROM customer_group WHERE tenant_id = :tenant AND id = :id")
                .bind("tenant", tx.tenant().value())
                .bind("id", id)
                .execute();
    }

    public Optional<CustomerGroup> find(Tx tx, String id) {
        return find(tx, id, "");
    }

    /**
     * The group, its row locked: {@code FOR UPDATE} by definition changes and deletes, {@code FOR SHARE} by
     * membership changes, so a membership change sees the qualifier_method that stays.
     */
    public Optional<CustomerGroup> findLocked(Tx tx, String id, boolean exclusive) {
        return find(tx, id, exclusive ? " FOR UPDATE" : " FOR SHARE");
    }

    private Optional<CustomerGroup> find(Tx tx, String id, String lock) {
        return tx.handle().createQuery("SELECT " + COLUMNS + " FROM customer_group WHERE tenant_id = :tenant AND id = :id" + lock)
                .bind("tenant", tx.tenant().value())
                .bind("id", id)
                .map((rs, ctx) -> read(rs))
                .findOne();
    }

    /** The group with this name, compared without case, other than {@code exceptId}. */
    public Optional<GroupRef> named(Tx tx, String name, String exceptId) {
        return tx.handle().createQuery("SELECT id, name FROM customer_group WHERE tenant_id = :tenant"
                        + " AND lower(name) = lower(:name) AND id <> :except")
                .bind("tenant", tx.tenant().value())
                .bind("name", name)
                .bind("except", exceptId == null ? "" : exceptId)
                .map((rs, ctx) -> new GroupRef(rs.getString("id"), rs.getString("name")))
                .findOne();
    }

    /** Which of these ids are groups of the tenant, with their names. */
    public Map<String, String> names(Tx tx, Collection<String> ids) {
        if (ids.isEmpty()) return Map.of();
        return tx.handle().createQuery("SELECT id, name FROM customer_group WHERE tenant_id = :tenant AND id IN (<ids>)")
                .bind("tenant", tx.tenant().value())
                .bindList("ids", List.copyOf(ids))
                .map((rs, ctx) -> Map.entry(rs.getString("id"), rs.getString("name")))
                .list().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** Every customer_group-method group of the tenant: the nodes of the dependency graph with their edges. */
    public List<CustomerGroup> composites(Tx tx) {
        return tx.handle().createQuery("SELECT " + COLUMNS + " FROM customer_group WHERE tenant_id = :tenant"
                        + " AND qualifier_method = 'customer_group' ORDER BY created_at, id")
                .bind("tenant", tx.tenant().value())
                .map((rs, ctx) -> read(rs))
                .list();
    }

    /** The customer_group-method groups whose qualifiers list this group. */
    public List<GroupRef> referencing(Tx tx, String id) {
        return tx.handle().createQuery("""
                        SELECT id, name FROM customer_group
                        WHERE tenant_id = :tenant AND qualifier_method = 'customer_group' AND id <> :id
                          AND (qualifiers -> 'customer_group' -> 'in_any_customer_group' @> jsonb_build_array(:id)
                            OR qualifiers -> 'customer_group' -> 'in_all_customer_group' @> jsonb_build_array(:id)
                            OR qualifiers -> 'customer_group' -> 'not_in_customer_group' @> jsonb_build_array(:id))
                        ORDER BY created_at, id""")
                .bind("tenant", tx.tenant().value())
                .bind("id", id)
                .map((rs, ctx) -> new GroupRef(rs.getString("id"), rs.getString("name")))
                .list();
    }

    List<CustomerGroup> list(Tx tx, QualifierMethod method, Boolean enabled, Paging paging) {
        String where = (method == null ? "" : " AND qualifier_method = :method") + (enabled == null ? "" : " AND enabled = :enabled");
        var query = tx.handle().createQuery("SELECT " + COLUMNS + " FROM customer_group WHERE tenant_id = :tenant" + where
                        + paging.sql("created_at", "id"))
                .bind("tenant", tx.tenant().value());
        if (method != null) query.bind("method", method.wire());
        if (enabled != null) query.bind("enabled", enabled);
        return paging.bind(query).map((rs, ctx) -> read(rs)).list();
    }

    /** An enabled rule-based group, as evaluation needs it. */
    public record RuleGroup(String id, String name, Qualifier qualifier) {}

    /** Parsed qualifiers by method and text: parsing is pure, and evaluation after every write reads them. */
    private static final Map<String, Qualifier> PARSED = new ConcurrentHashMap<>();

    /** The tenant's enabled rule-based groups, by id, without locking them. */
    public List<RuleGroup> ruleGroups(Tx tx) {
        return ruleGroups(tx, "");
    }

    /**
     * The tenant's enabled rule-based groups, by id, each locked shared for evaluation. Writers take these locks
     * before they announce anything, and a full evaluation takes them exclusively ({@link #lockForFullEvaluation}),
     * so a full evaluation never reads facts that a running write is changing.
     */
    public List<RuleGroup> ruleGroupsLockedShared(Tx tx) {
        return ruleGroups(tx, ", CAST(pg_advisory_xact_lock_shared(hashtextextended('customer_group:' || :tenant || ':' || g.id, 0)) AS text)");
    }

    private List<RuleGroup> ruleGroups(Tx tx, String lock) {
        return tx.handle().createQuery("SELECT g.id, g.name, g.qualifier_method, g.qualifiers" + lock + " " + """
                         FROM (SELECT id, name, qualifier_method, CAST(qualifiers AS text) AS qualifiers FROM customer_group
                              WHERE tenant_id = :tenant AND enabled AND qualifier_method <> 'none' ORDER BY id) g""")
                .bind("tenant", tx.tenant().value())
                .map((rs, ctx) -> new RuleGroup(rs.getString("id"), rs.getString("name"),
                        parsed(rs.getString("qualifier_method"), rs.getString("qualifiers"))))
                .list();
    }

    /** Locks the groups exclusively for a full evaluation, in id order as writers lock them. */
    public void lockForFullEvaluation(Tx tx, Collection<String> groupIds) {
        tx.handle().createQuery("""
                        SELECT count(CAST(pg_advisory_xact_lock(hashtextextended('customer_group:' || :tenant || ':' || g.id, 0)) AS text))
                        FROM (SELECT id FROM unnest(CAST(:ids AS text[])) AS id ORDER BY id) g""")
                .bind("tenant", tx.tenant().value())
                .bind("ids", groupIds.toArray(String[]::new))
                .mapTo(Long.class)
                .one();
    }

    private static Qualifier parsed(String method, String qualifiers) {
        if (PARSED.size() > 10_000) PARSED.clear();
        return PARSED.computeIfAbsent(method + " " + qualifiers,
                k -> QualifierParser.parse(QualifierMethod.fromWire(method), Json.read(qualifiers)).qualifier());
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }

    private static CustomerGroup read(ResultSet rs) throws SQLException {
        QualifierMethod method = QualifierMethod.fromWire(rs.getString("qualifier_method"));
        var qualifiers = Json.read(rs.getString("qualifiers"));
        return new CustomerGroup(rs.getString("id"), rs.getString("name"), rs.getString("description"),
                rs.getBoolean("enabled"), method, qualifiers, QualifierParser.parse(method, qualifiers).qualifier(),
                instant(rs, "created_at"), instant(rs, "updated_at"));
    }

}
