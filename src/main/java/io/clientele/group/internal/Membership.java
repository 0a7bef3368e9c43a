package io.clientele.group.internal;

import io.clientele.event.Events;
import io.clientele.event.Notation;
import io.clientele.group.CustomerGroupQualifier;
import io.clientele.group.Figure;
import io.clientele.group.Groups;
import io.clientele.group.Qualifier;
import io.clientele.group.SpecificValues;
import io.clientele.group.internal.GroupStore.RuleGroup;
import io.clientele.platform.TenantId;
import io.clientele.platform.Transactions;
import io.clientele.platform.Tx;
import io.clientele.platform.TxLocal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Rule-based membership (seed 002): who is in each enabled {@code specific_values} and {@code customer_group}
 * group, kept by two interpreters of one qualifier model.
 * <ul>
 * <li><b>After each write</b>, in its transaction: every customer a call announced an event for is re-evaluated
 * in memory ({@link QualifierCheck}) against every enabled rule group, in dependency order, just before the
 * call commits. Writers do not call this: it hears their events ({@link Events#onEmit}).</li>
 * <li><b>In full</b>, set-based ({@link QualifierSql}): when a group is created or enabled or its qualifiers
 * change (with the composite groups that read it), on demand, and by the hourly sweep that brings
 * day-counted qualifiers current.</li>
 * </ul>
 * Each real change is stored ({@code how = 'qualified'}) and announced as
 * {@code customer.updated.customer_group.added/removed} with {@code how: "qualifiers"}; nothing is announced
 * when membership does not change. Disabled groups are not evaluated: their members stay as they were.
 */
public final class Membership {
    /** The {@code how} of a membership change decided by a group's qualifiers. */
    public static final String BY_QUALIFIERS = "qualifiers";
    /** Events are written in chunks of this many when a full evaluation changes many memberships. */
    static final int EVENT_CHUNK = 5_000;

    /** One group's full evaluation: who joined and who left. */
    public record Diff(String customerGroupId, List<String> added, List<String> removed) {}

    /** What a preview found: how many qualify, and against the stored members, who would join and leave. */
    public record Preview(long qualifying, long adding, long removing, List<String> qualifyingSample,
                          List<String> addingSample, List<String> removingSample) {}

    /** What one transaction collected: the customers to re-evaluate before it commits. */
    private static final class Pending {
        final Set<String> customers = new LinkedHashSet<>();
        /** The enabled rule groups in dependency order, locked shared; null until read, or stale. */
        List<RuleGroup> groups;
        boolean evaluating;
    }

    private record Change(RuleGroup group, String customerId, boolean added) {}

    private final TxLocal<Pending> pending = new TxLocal<>("customer group membership", Pending::new, this::settle);
    private final GroupStore store;
    private final Events events;

    public Membership(GroupStore store, Events events) {
        this.store = store;
        this.events = events;
        events.onEmit(this::announcing);
    }

    /** Re-evaluates the customer before the transaction commits (for changes that announce nothing of it). */
    public void changed(Tx tx, String customerId) {
        Pending p = tx.local(pending);
        p.customers.add(customerId);
    }

    /** The tenant's group definitions changed in this transaction: read them again before evaluating. */
    public void definitionsChanged(Tx tx) {
        tx.local(pending).groups = null;
    }

    /**
     * Before any event is written: the customers it concerns are re-evaluated at the end, and the first time,
     * the rule groups are locked shared, before this transaction locks any event sequence a full evaluation
     * also needs (so the two cannot deadlock).
     */
    private void announcing(Tx tx, List<Events.NewEvent> announced) {
        Pending p = tx.local(pending);
        if (p.evaluating) return;
        boolean any = false;
        for (Events.NewEvent e : announced) {
            if (e.customerId() != null) {
                p.customers.add(e.customerId());
                any = true;
            }
        }
        if (any && p.groups == null) p.groups = inDependencyOrder(store.ruleGroupsLockedShared(tx));
    }

    private void settle(Tx tx, Pending p) {
        if (p.customers.isEmpty()) return;
        if (p.groups == null) p.groups = inDependencyOrder(store.ruleGroupsLockedShared(tx));
        List<String> customers = List.copyOf(p.customers);
        p.customers.clear();
        if (p.groups.isEmpty()) return;
        p.evaluating = true;
        try {
            evaluate(tx, p.groups, customers);
        } finally {
            p.evaluating = false;
        }
    }

    /** Evaluates the customers against the groups in memory and applies what changed. */
    private void evaluate(Tx tx, List<RuleGroup> groups, List<String> customers) {
        boolean links = groups.stream().anyMatch(g -> readsFilters(g.qualifier(), f -> !f.campaigns().isEmpty()
                || !f.productGroups().isEmpty() || !f.thirdPartyShops().isEmpty()));
        boolean metadata = groups.stream().anyMatch(g -> readsFilters(g.qualifier(), f -> !f.metadata().isEmpty()));
        Map<String, Facts> facts = FactsReader.read(tx, customers, links, metadata);
        List<String> gone = customers.stream().filter(c -> !facts.containsKey(c)).toList();
        Map<String, Set<String>> goneMemberships = gone.isEmpty() ? Map.of() : FactsReader.memberships(tx, gone);
        List<Change> changes = new ArrayList<>();
        for (String customerId : customers) {
            Facts f = facts.get(customerId);
            Set<String> in = new HashSet<>(f != null ? f.groups() : goneMemberships.getOrDefault(customerId, Set.of()));
            for (RuleGroup group : groups) {
                boolean qualifies = f != null && QualifierCheck.qualifies(group.qualifier(), f, in, tx.now());
                if (qualifies && in.add(group.id())) changes.add(new Change(group, customerId, true));
                else if (!qualifies && in.remove(group.id())) changes.add(new Change(group, customerId, false));
            }
        }
        if (!changes.isEmpty()) apply(tx, changes);
    }

    /** Stores the changes and announces those that really changed a row (a concurrent write may have won). */
    private void apply(Tx tx, List<Change> changes) {
        Set<String> done = new HashSet<>();
        List<Change> adds = changes.stream().filter(Change::added).toList();
        List<Change> removes = changes.stream().filter(c -> !c.added()).toList();
        if (!adds.isEmpty()) {
            tx.handle().createQuery("""
                            INSERT INTO customer_group_member (tenant_id, customer_group_id, customer_id, added_at, how)
                            SELECT :tenant, x.g, x.c, :now, 'qualified' FROM unnest(CAST(:groups AS text[]), CAST(:customers AS text[])) AS x(g, c)
                            ON CONFLICT DO NOTHING RETURNING customer_group_id || ' ' || customer_id""")
                    .bind("tenant", tx.tenant().value())
                    .bind("now", tx.now())
                    .bind("groups", adds.stream().map(c -> c.group().id()).toArray(String[]::new))
                    .bind("customers", adds.stream().map(Change::customerId).toArray(String[]::new))
                    .mapTo(String.class)
                    .forEach(k -> done.add("+" + k));
        }
        if (!removes.isEmpty()) {
            tx.handle().createQuery("""
                            DELETE FROM customer_group_member m USING unnest(CAST(:groups AS text[]), CAST(:customers AS text[])) AS x(g, c)
                            WHERE m.tenant_id = :tenant AND m.customer_group_id = x.g AND m.customer_id = x.c
                            RETURNING m.customer_group_id || ' ' || m.customer_id""")
                    .bind("tenant", tx.tenant().value())
                    .bind("groups", removes.stream().map(c -> c.group().id()).toArray(String[]::new))
                    .bind("customers", removes.stream().map(Change::customerId).toArray(String[]::new))
                    .mapTo(String.class)
                    .forEach(k -> done.add("-" + k));
        }
        announce(tx, changes.stream()
                .filter(c -> done.contains((c.added() ? "+" : "-") + c.group().id() + " " + c.customerId()))
                .toList());
    }

    private void announce(Tx tx, List<Change> changes) {
        for (int from = 0; from < changes.size(); from += EVENT_CHUNK) {
            events.emitAll(tx, changes.subList(from, Math.min(changes.size(), from + EVENT_CHUNK)).stream()
                    .map(c -> new Events.NewEvent(c.added() ? Notation.CUSTOMER_GROUP_ADDED : Notation.CUSTOMER_GROUP_REMOVED,
                            "customer", c.customerId(), c.customerId(),
                            new Groups.MembershipChange(c.customerId(), c.group().id(), c.group().name(), BY_QUALIFIERS)))
                    .toList());
        }
    }

    /**
     * Evaluates the groups in full, with every enabled composite group that reads them (directly or through
     * others), in dependency order, in the caller's transaction: locks them exclusively (writers wait), stores
     * and announces every change. Disabled and manual groups among them are skipped.
     */
    public List<Diff> evaluateFully(Tx tx, Collection<String> groupIds) {
        return evaluateExactly(tx, withDependants(inDependencyOrder(store.ruleGroups(tx)), Set.copyOf(groupIds)));
    }

    private List<Diff> evaluateExactly(Tx tx, List<RuleGroup> groups) {
        if (groups.isEmpty()) return List.of();
        store.lockForFullEvaluation(tx, groups.stream().map(RuleGroup::id).toList());
        Pending p = tx.local(pending);
        boolean was = p.evaluating;
        p.evaluating = true;
        try {
            List<Diff> diffs = new ArrayList<>();
            for (RuleGroup group : groups) diffs.add(evaluateFully(tx, group));
            return diffs;
        } finally {
            p.evaluating = was;
        }
    }

    private Diff evaluateFully(Tx tx, RuleGroup group) {
        QualifierSql.Query q = QualifierSql.compile(group.qualifier());
        List<String> added = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        withoutNestedLoops(tx, () -> q.bind(tx.handle().createQuery("WITH q AS MATERIALIZED (" + q.sql() + "),"
                        + " cur AS MATERIALIZED (SELECT customer_id FROM customer_group_member WHERE tenant_id = :tenant AND customer_group_id = :group),"
                        + " ins AS (INSERT INTO customer_group_member (tenant_id, customer_group_id, customer_id, added_at, how)"
                        + "   SELECT :tenant, :group, q.customer_id, :now, 'qualified' FROM q"
                        + "   WHERE NOT EXISTS (SELECT 1 FROM cur WHERE cur.customer_id = q.customer_id)"
                        + "   ON CONFLICT DO NOTHING RETURNING customer_id),"
                        + " del AS (DELETE FROM customer_group_member m WHERE m.tenant_id = :tenant AND m.customer_group_id = :group"
                        + "   AND m.customer_id IN (SELECT cur.customer_id FROM cur WHERE NOT EXISTS (SELECT 1 FROM q WHERE q.customer_id = cur.customer_id))"
                        + "   RETURNING m.customer_id)"
                        + " SELECT true AS added, customer_id FROM ins UNION ALL SELECT false, customer_id FROM del"))
                .bind("tenant", tx.tenant().value())
                .bind("group", group.id())
                .bind("now", tx.now())
                .map((rs, ctx) -> Map.entry(rs.getBoolean(1), rs.getString(2)))
                .list()).forEach(e -> (e.getKey() ? added : removed).add(e.getValue()));
        List<Change> changes = new ArrayList<>(added.size() + removed.size());
        added.forEach(c -> changes.add(new Change(group, c, true)));
        removed.forEach(c -> changes.add(new Change(group, c, false)));
        announce(tx, changes);
        return new Diff(group.id(), added, removed);
    }

    /**
     * Brings the tenant's enabled rule groups current, each group in its own transaction (so writers wait for
     * one group at a time), in dependency order: all of them, or only those that count days (and the composite
     * groups that read them), which is what time alone changes.
     */
    public List<Diff> sweep(Transactions transactions, TenantId tenant, boolean dayCountedOnly) {
        List<RuleGroup> groups = transactions.asSystem(tenant, tx -> inDependencyOrder(store.ruleGroups(tx)));
        if (dayCountedOnly) {
            groups = withDependants(groups, groups.stream().filter(g -> countsDays(g.qualifier()))
                    .map(RuleGroup::id).collect(java.util.stream.Collectors.toSet()));
        }
        List<Diff> diffs = new ArrayList<>();
        for (RuleGroup group : groups) {
            // Read again in the group's own transaction: it may have been edited, disabled or deleted since.
            diffs.addAll(transactions.asSystem(tenant, tx -> evaluateExactly(tx, store.ruleGroups(tx).stream()
                    .filter(g -> g.id().equals(group.id())).toList())));
        }
        return diffs;
    }

    /** Evaluates a definition without writing anything; {@code groupIdOrNull} compares with a group's stored members. */
    public Preview preview(Tx tx, String groupIdOrNull, Qualifier qualifier, int sample) {
        QualifierSql.Query q = QualifierSql.compile(qualifier);
        String cur = groupIdOrNull == null ? "SELECT customer_id FROM customer_group_member WHERE false"
                : "SELECT customer_id FROM customer_group_member WHERE tenant_id = :tenant AND customer_group_id = :group";
        return withoutNestedLoops(tx, () -> q.bind(tx.handle().createQuery("WITH q AS MATERIALIZED (" + q.sql() + "), cur AS MATERIALIZED (" + cur + "),"
                        + " adding AS (SELECT customer_id FROM q WHERE NOT EXISTS (SELECT 1 FROM cur WHERE cur.customer_id = q.customer_id)),"
                        + " removing AS (SELECT customer_id FROM cur WHERE NOT EXISTS (SELECT 1 FROM q WHERE q.customer_id = cur.customer_id))"
                        + " SELECT (SELECT count(*) FROM q), (SELECT count(*) FROM adding), (SELECT count(*) FROM removing),"
                        + " ARRAY(SELECT customer_id FROM q ORDER BY customer_id LIMIT :sample),"
                        + " ARRAY(SELECT customer_id FROM adding ORDER BY customer_id LIMIT :sample),"
                        + " ARRAY(SELECT customer_id FROM removing ORDER BY customer_id LIMIT :sample)"))
                .bind("tenant", tx.tenant().value())
                .bind("group", groupIdOrNull)
                .bind("now", tx.now())
                .bind("sample", sample)
                .map((rs, ctx) -> new Preview(rs.getLong(1), rs.getLong(2), rs.getLong(3), strings(rs.getArray(4)),
                        strings(rs.getArray(5)), strings(rs.getArray(6))))
                .one());
    }

    /**
     * Runs a whole-tenant statement with nested loops off for the rest of it. The planner cannot estimate how many
     * customers a qualifier selects (a days-and-amount filter reads as one row), and with a one-row guess for the
     * qualifying and member sets it joins them in nested loops that rescan one set per row of the other: at a
     * million customers a full evaluation of one group ran for minutes instead of under a second. Set-based
     * evaluation always reads whole sets, so hash joins are the right plan whatever the estimate.
     */
    private static <T> T withoutNestedLoops(Tx tx, java.util.function.Supplier<T> statement) {
        tx.handle().createQuery("SELECT set_config('enable_nestloop', 'off', true)").mapTo(String.class).one();
        T result = statement.get(); // a failure aborts the transaction, setting and all
        tx.handle().createQuery("SELECT set_config('enable_nestloop', 'on', true)").mapTo(String.class).one();
        return result;
    }

    private static List<String> strings(java.sql.Array array) throws java.sql.SQLException {
        return List.of((String[]) array.getArray());
    }

    /** Whether a qualifier counts days, so that time alone can change who qualifies. */
    static boolean countsDays(Qualifier qualifier) {
        if (!(qualifier instanceof SpecificValues sv)) return false;
        boolean values = sv.values().active().keySet().stream().anyMatch(f -> f.kind() == Figure.Kind.DAYS);
        boolean subscriptions = sv.subscriptionOptions().enabled() && sv.subscriptionOptions().ranges().entrySet().stream()
                .anyMatch(e -> e.getValue().enabled() && e.getKey().kind() == Figure.Kind.DAYS);
        return values || subscriptions;
    }

    private static boolean readsFilters(Qualifier qualifier, Predicate<SpecificValues.Filters> test) {
        return qualifier instanceof SpecificValues sv && test.test(sv.filters());
    }

    /** The groups, each after every group it reads (by id otherwise); a cycle, which definitions refuse, keeps id order. */
    static List<RuleGroup> inDependencyOrder(List<RuleGroup> groups) {
        Map<String, RuleGroup> byId = new LinkedHashMap<>();
        groups.stream().sorted(java.util.Comparator.comparing(RuleGroup::id)).forEach(g -> byId.put(g.id(), g));
        List<RuleGroup> ordered = new ArrayList<>();
        Set<String> placed = new HashSet<>();
        while (ordered.size() < byId.size()) {
            boolean progress = false;
            for (RuleGroup g : byId.values()) {
                if (placed.contains(g.id())) continue;
                boolean ready = reads(g).stream().noneMatch(r -> byId.containsKey(r) && !placed.contains(r));
                if (ready) {
                    ordered.add(g);
                    placed.add(g.id());
                    progress = true;
                }
            }
            if (!progress) byId.values().stream().filter(g -> placed.add(g.id())).forEach(ordered::add);
        }
        return ordered;
    }

    /** The groups among {@code ordered} that are in {@code start} or read one that is, keeping the order. */
    static List<RuleGroup> withDependants(List<RuleGroup> ordered, Set<String> start) {
        Set<String> chosen = new HashSet<>(start);
        List<RuleGroup> out = new ArrayList<>();
        for (RuleGroup g : ordered) {
            if (chosen.contains(g.id()) || reads(g).stream().anyMatch(chosen::contains)) {
                chosen.add(g.id());
                out.add(g);
            }
        }
        return out;
    }

    private static Set<String> reads(RuleGroup g) {
        return g.qualifier() instanceof CustomerGroupQualifier cg ? cg.referencedGroups() : Set.of();
    }

}
