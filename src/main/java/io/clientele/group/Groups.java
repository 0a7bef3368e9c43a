package io.clientele.group;

import io.clientele.audit.AuditLog;
import io.clientele.commerce.Catalogue;
import io.clientele.customer.Customers;
import io.clientele.event.Events;
import io.clientele.event.Notation;
import com.fasterxml.jackson.databind.JsonNode;
import io.clientele.group.internal.DefinitionChecks;
import io.clientele.group.internal.GroupStore;
import io.clientele.group.internal.MemberStore;
import io.clientele.group.internal.Membership;
import io.clientele.group.internal.QualifierParser;
import io.clientele.operation.Outcome.Warning;
import io.clientele.platform.ErrorType;
import io.clientele.platform.Ids;
import io.clientele.platform.Json;
import io.clientele.platform.Problem;
import io.clientele.platform.Tx;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Customer groups: every change to a definition or to manual membership goes through here, validated, audited
 * and, for membership, announced ({@code customer.updated.customer_group.added/removed}) in the caller's
 * transaction. Rule-based membership is {@link Membership}'s: a definition written enabled is evaluated in full
 * here, and every write's customers are evaluated before the write commits.
 */
public final class Groups {
    /** The api's membership origin for AddCustomerToGroup. */
    public static final String MANUAL = "manual";

    /** A definition written, with the warnings about what it ignores. */
    public record Written(CustomerGroup group, List<String> changedFields, List<Warning> warnings) {}

    /** The definition fields as audited (the parsed tree is derived from them). */
    record Audited(String name, String description, boolean enabled, String qualifierMethod,
                   com.fasterxml.jackson.databind.JsonNode qualifiers) {
        static Audited of(CustomerGroup g) {
            return new Audited(g.name(), g.description(), g.enabled(), g.qualifierMethod().wire(), g.qualifiers());
        }
    }

    /** The payload of {@code customer.updated.customer_group.added/removed}. */
    public record MembershipChange(String customerId, String customerGroupId, String customerGroupName, String how) {}

    /** A full evaluation that adds at least this many customers at once is answered with a warning. */
    public static final int MANY = 100;

    private final GroupStore store;
    private final MemberStore members;
    private final DefinitionChecks checks;
    private final Customers customers;
    private final Membership membership;
    private final Events events;
    private final AuditLog audit;

    public Groups(GroupStore store, MemberStore members, Membership membership, Catalogue catalogue, Customers customers,
                  Events events, AuditLog audit) {
        this.store = store;
        this.members = members;
        this.membership = membership;
        this.checks = new DefinitionChecks(store, catalogue);
        this.customers = customers;
        this.events = events;
        this.audit = audit;
    }

    public Written create(Tx tx, GroupDraft draft) {
        List<Problem.Detail> problems = new ArrayList<>();
        String name = draft.name() == null ? null : draft.name().strip();
        if (name == null || name.isEmpty()) {
            problems.add(new Problem.Detail("/name", "is required: a clear, specific name for the segment, such as"
                    + " \"VIP Customers\" (groups may trigger automation, so vague names like \"Group 1\" are risky)"));
        }
        if (draft.qualifierMethod() == null) {
            problems.add(new Problem.Detail("/qualifier_method", "is required: choose none (manual membership),"
                    + " specific_values (customer data) or customer_group (membership in other groups)"));
        }
        if (!problems.isEmpty()) throw Problem.validation(problems);
        store.lockDefinitions(tx);
        QualifierMethod method = QualifierMethod.fromWire(draft.qualifierMethod());
        var qualifiers = draft.qualifiers() == null ? Json.object() : draft.qualifiers();
        QualifierParser.Parsed parsed = checks.check(tx, null, method, qualifiers);
        uniqueName(tx, name, null);
        CustomerGroup group = new CustomerGroup(Ids.newId(), name, blankToNull(draft.description()),
                Boolean.TRUE.equals(draft.enabled()), method, qualifiers, parsed.qualifier(), tx.now(), tx.now());
        store.insert(tx, group);
        audit.record(tx, "customer_group", group.customerGroupId(), "create", null, Audited.of(group));
        membership.definitionsChanged(tx);
        List<Warning> warnings = new ArrayList<>(parsed.warnings());
        if (group.enabled()) evaluate(tx, group, "Creating", warnings);
        return new Written(group, List.of(), warnings);
    }

    public Written edit(Tx tx, String groupId, GroupDraft changes) {
        store.lockDefinitions(tx);
        CustomerGroup before = store.findLocked(tx, groupId, true).orElseThrow(() -> Problem.notFound("customer_group", groupId));
        String name = before.name();
        if (changes.name() != null) {
            name = changes.name().strip();
            if (name.isEmpty()) throw Problem.validation("/name", "must not be blank: a group always has a name");
        }
        String description = changes.description() == null ? before.description() : blankToNull(changes.description());
        boolean enabled = changes.enabled() == null ? before.enabled() : changes.enabled();
        QualifierMethod method = changes.qualifierMethod() == null ? before.qualifierMethod()
                : QualifierMethod.fromWire(changes.qualifierMethod());
        var qualifiers = changes.qualifiers() == null ? before.qualifiers() : changes.qualifiers();
        QualifierParser.Parsed parsed = checks.check(tx, groupId, method, qualifiers);
        if (method != QualifierMethod.NONE && before.qualifierMethod() == QualifierMethod.NONE) {
            long count = members.count(tx, groupId);
            if (count > 0) {
                throw Problem.conflict("/qualifier_method", "The group has " + count + " manually added member(s);"
                        + " a " + method.wire() + " group's members are decided by its qualifiers only. Remove them with"
                        + " RemoveCustomerFromGroup first, or create a new group with these qualifiers.");
            }
        }
        uniqueName(tx, name, groupId);
        CustomerGroup after = new CustomerGroup(groupId, name, description, enabled, method, qualifiers,
                parsed.qualifier(), before.createdAt(), tx.now());
        List<String> changed = new ArrayList<>();
        if (!Objects.equals(before.name(), after.name())) changed.add("name");
        if (!Objects.equals(before.description(), after.description())) changed.add("description");
        if (before.enabled() != after.enabled()) changed.add("enabled");
        if (before.qualifierMethod() != after.qualifierMethod()) changed.add("qualifier_method");
        if (!before.qualifiers().equals(after.qualifiers())) changed.add("qualifiers");
        if (changed.isEmpty()) return new Written(before, changed, parsed.warnings());
        store.update(tx, after);
        audit.record(tx, "customer_group", groupId, "update", Audited.of(before), Audited.of(after));
        membership.definitionsChanged(tx);
        List<Warning> warnings = new ArrayList<>(parsed.warnings());
        boolean rulesChanged = changed.contains("qualifier_method") || changed.contains("qualifiers");
        if (after.enabled() && (rulesChanged || !before.enabled())) {
            evaluate(tx, after, before.enabled() ? "This edit" : "Enabling the group", warnings);
        }
        return new Written(after, changed, warnings);
    }

    /** Deletes the group and its memberships (each a removal event); refused while other groups list it. */
    public List<String> delete(Tx tx, String groupId) {
        store.lockDefinitions(tx);
        CustomerGroup group = store.findLocked(tx, groupId, true).orElseThrow(() -> Problem.notFound("customer_group", groupId));
        List<GroupRef> dependants = store.referencing(tx, groupId);
        if (!dependants.isEmpty()) {
            throw Problem.conflict("/customer_group_id", "Group " + describe(group.customerGroupId(), group.name())
                    + " is listed in the qualifiers of " + String.join(", ", dependants.stream()
                    .map(g -> describe(g.customerGroupId(), g.name())).toList()) + ". Edit those groups to stop listing it (EditCustomerGroup), or delete them, first.");
        }
        List<String> removed = members.removeAll(tx, groupId);
        List<Events.NewEvent> removals = new ArrayList<>();
        List<AuditLog.Change> changes = new ArrayList<>();
        for (String customerId : removed) {
            removals.add(new Events.NewEvent(Notation.CUSTOMER_GROUP_REMOVED, "customer", customerId, customerId,
                    new MembershipChange(customerId, groupId, group.name(), "group_deleted")));
            changes.add(new AuditLog.Change("customer_group", groupId, "member_removed", Map.of("customer_id", customerId), null));
        }
        if (!removals.isEmpty()) events.emitAll(tx, removals);
        store.delete(tx, groupId);
        membership.definitionsChanged(tx);
        changes.add(new AuditLog.Change("customer_group", groupId, "delete", Audited.of(group), null));
        audit.recordAll(tx, changes);
        return removed;
    }

    /**
     * Evaluates a just written, enabled rule-based group in full (with the composite groups that read it), and
     * warns when that added many customers at once: each got an {@code added} event, so automation listening
     * for it ran for each.
     */
    private void evaluate(Tx tx, CustomerGroup group, String what, List<Warning> warnings) {
        if (group.qualifierMethod() == QualifierMethod.NONE) return;
        int added = membership.evaluateFully(tx, List.of(group.customerGroupId())).stream()
                .filter(d -> d.customerGroupId().equals(group.customerGroupId()))
                .mapToInt(d -> d.added().size()).sum();
        if (added >= MANY) {
            warnings.add(new Warning("/enabled", what + " added " + String.format(java.util.Locale.ROOT, "%,d", added)
                    + " customers to the group at once, and each got a customer.updated.customer_group.added event:"
                    + " automation listening for it runs for every one of them. To check a definition before it goes"
                    + " live, save it with enabled: false and call PreviewCustomerGroup, then enable it."));
        }
    }

    /** A customer in a preview's samples. */
    public record Sampled(String customerId, String name, String email) {}

    /**
     * What PreviewCustomerGroup answers; the adding/removing figures only for an existing group. The warnings go
     * in the envelope's {@code warnings}, not among the fields.
     */
    public record Previewed(long qualifyingCount, List<Sampled> qualifyingSample, Long addingCount, List<Sampled> addingSample,
                            Long removingCount, List<Sampled> removingSample,
                            @com.fasterxml.jackson.annotation.JsonIgnore List<Warning> warnings) {}

    /**
     * Evaluates a definition against the tenant's customers now, writing and announcing nothing: the group's
     * own definition (with {@code groupIdOrNull} and no method), a new one, or changes to an existing group,
     * compared with its stored members.
     */
    public Previewed preview(Tx tx, String groupIdOrNull, String methodOrNull, JsonNode qualifiersOrNull, int sample) {
        CustomerGroup existing = groupIdOrNull == null ? null
                : store.find(tx, groupIdOrNull).orElseThrow(() -> Problem.notFound("customer_group", groupIdOrNull));
        if (existing == null && methodOrNull == null) {
            throw Problem.validation("/qualifier_method", "is required without customer_group_id: send the definition to"
                    + " preview (qualifier_method and qualifiers, as for CreateCustomerGroup), or the id of a group to"
                    + " preview its own definition");
        }
        QualifierMethod method = methodOrNull == null ? existing.qualifierMethod() : QualifierMethod.fromWire(methodOrNull);
        if (method == QualifierMethod.NONE) {
            throw Problem.validation("/qualifier_method", "none has no qualifiers to evaluate: a manual group's members are"
                    + " those added with AddCustomerToGroup (GetCustomerGroupMembers lists them). Preview a"
                    + " specific_values or customer_group definition.");
        }
        JsonNode qualifiers = qualifiersOrNull != null ? qualifiersOrNull : existing != null ? existing.qualifiers() : Json.object();
        QualifierParser.Parsed parsed = checks.check(tx, groupIdOrNull, method, qualifiers);
        Membership.Preview p = membership.preview(tx, groupIdOrNull, parsed.qualifier(), sample);
        return new Previewed(p.qualifying(), sampled(tx, p.qualifyingSample()),
                existing == null ? null : p.adding(), existing == null ? null : sampled(tx, p.addingSample()),
                existing == null ? null : p.removing(), existing == null ? null : sampled(tx, p.removingSample()),
                parsed.warnings());
    }

    private List<Sampled> sampled(Tx tx, List<String> customerIds) {
        List<Sampled> out = new ArrayList<>();
        for (String id : customerIds) {
            customers.find(tx, id).ifPresent(c -> out.add(new Sampled(id,
                    String.join(" ", java.util.stream.Stream.of(c.firstName(), c.lastName()).filter(Objects::nonNull).toList()),
                    c.email())));
        }
        return out;
    }

    /**
     * Evaluates enabled rule-based groups in full now, in the caller's transaction: one group (with the composite
     * groups that read it) or all of them. Answers each group's changes.
     */
    public List<Membership.Diff> evaluate(Tx tx, String groupIdOrNull) {
        if (groupIdOrNull == null) {
            return membership.evaluateFully(tx, store.ruleGroups(tx).stream().map(GroupStore.RuleGroup::id).toList());
        }
        CustomerGroup group = store.find(tx, groupIdOrNull).orElseThrow(() -> Problem.notFound("customer_group", groupIdOrNull));
        if (group.qualifierMethod() == QualifierMethod.NONE || !group.enabled()) {
            throw Problem.conflict("/customer_group_id", "Group " + describe(group.customerGroupId(), group.name()) + " is "
                    + (group.enabled() ? "a manual group (qualifier_method none): it has no qualifiers to evaluate"
                    : "disabled: disabled groups are not evaluated and their members stay as they are. Enable it"
                    + " (EditCustomerGroup enabled: true), which evaluates it, or preview it with PreviewCustomerGroup")
                    + ".");
        }
        return membership.evaluateFully(tx, List.of(groupIdOrNull));
    }

    public Optional<CustomerGroup> find(Tx tx, String groupId) {
        return store.find(tx, groupId);
    }

    public long memberCount(Tx tx, String groupId) {
        return members.count(tx, groupId);
    }

    /** The groups the customer is in. */
    public List<GroupRef> groupsOf(Tx tx, String customerId) {
        return members.groupsOf(tx, customerId);
    }

    /** Adds a customer to a manual group; whether membership changed (false: already a member). */
    public boolean addMember(Tx tx, String groupId, String customerId) {
        CustomerGroup group = manualGroup(tx, groupId, "added to");
        if (!customers.exists(tx, customerId)) throw Problem.notFound("customer", customerId);
        if (!members.add(tx, groupId, customerId, MANUAL)) return false;
        announce(tx, Notation.CUSTOMER_GROUP_ADDED, group, customerId, "member_added");
        return true;
    }

    /** Removes a customer from a manual group; whether membership changed (false: was not a member). */
    public boolean removeMember(Tx tx, String groupId, String customerId) {
        CustomerGroup group = manualGroup(tx, groupId, "removed from");
        if (!customers.exists(tx, customerId)) throw Problem.notFound("customer", customerId);
        if (!members.remove(tx, groupId, customerId)) return false;
        announce(tx, Notation.CUSTOMER_GROUP_REMOVED, group, customerId, "member_removed");
        return true;
    }

    /**
     * A customer merge's part for groups: the secondary's manual memberships carry over to the primary, which is
     * announced as joining each group it was not in (its membership really changes), and the secondary
     * leaves them, audited but not announced (it is being deleted). Rule-based memberships do not move: both
     * customers are evaluated again before the merge commits, the primary with its new records and the
     * secondary, now deleted, out of every rule-based group. Counts the manual memberships moved.
     */
    public Map<String, Long> moveMembers(Tx tx, String fromCustomerId, String toCustomerId, boolean dryRun) {
        Set<String> already = new HashSet<>();
        members.groupsOf(tx, toCustomerId).forEach(g -> already.add(g.customerGroupId()));
        long moved = 0;
        if (!dryRun) {
            membership.changed(tx, fromCustomerId);
            membership.changed(tx, toCustomerId);
        }
        for (GroupRef ref : members.groupsOf(tx, fromCustomerId)) {
            CustomerGroup group = store.findLocked(tx, ref.customerGroupId(), false).orElseThrow();
            // Rule-based memberships are not moved: both customers are evaluated again before the merge commits.
            if (group.qualifierMethod() != QualifierMethod.NONE) continue;
            boolean joins = !already.contains(ref.customerGroupId());
            if (joins) moved++;
            if (dryRun) continue;
            if (joins && members.add(tx, group.customerGroupId(), toCustomerId, MANUAL)) {
                announce(tx, Notation.CUSTOMER_GROUP_ADDED, group, toCustomerId, "member_added");
            }
            members.remove(tx, group.customerGroupId(), fromCustomerId);
            audit.record(tx, "customer_group", group.customerGroupId(), "member_removed",
                    Map.of("customer_id", fromCustomerId, "how", MANUAL), Map.of("merged_into", toCustomerId));
        }
        return Map.of("customer_group_member", moved);
    }

    private void announce(Tx tx, Notation notation, CustomerGroup group, String customerId, String action) {
        events.emit(tx, notation, "customer", customerId, customerId,
                new MembershipChange(customerId, group.customerGroupId(), group.name(), MANUAL));
        Map<String, Object> member = new LinkedHashMap<>();
        member.put("customer_id", customerId);
        member.put("how", MANUAL);
        audit.record(tx, "customer_group", group.customerGroupId(), action,
                action.equals("member_added") ? null : member, action.equals("member_added") ? member : null);
    }

    private CustomerGroup manualGroup(Tx tx, String groupId, String verb) {
        CustomerGroup group = store.findLocked(tx, groupId, false).orElseThrow(() -> Problem.notFound("customer_group", groupId));
        if (group.qualifierMethod() != QualifierMethod.NONE) {
            throw new Problem(ErrorType.CONFLICT, "Group " + describe(groupId, group.name()) + " is rule-based (qualifier_method "
                    + group.qualifierMethod().wire() + "): its qualifiers decide who is in it, so customers cannot be "
                    + verb + " it by hand. Use a qualifier_method none group for manual membership, or change the"
                    + " customer's data or the group's qualifiers.",
                    List.of(new Problem.Detail("/customer_group_id", "is a " + group.qualifierMethod().wire()
                            + " group; manual membership needs qualifier_method none")));
        }
        return group;
    }

    private void uniqueName(Tx tx, String name, String exceptId) {
        store.named(tx, name, exceptId).ifPresent(other -> {
            throw Problem.conflict("/name", "A group named \"" + other.name() + "\" already exists ("
                    + other.customerGroupId() + "). Group names are unique without regard to case: choose another"
                    + " name, or edit that group.");
        });
    }

    static String describe(String id, String name) {
        return "\"" + name + "\" (" + id + ")";
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
