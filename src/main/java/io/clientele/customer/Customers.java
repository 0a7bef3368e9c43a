package io.clientele.customer;

import io.clientele.audit.AuditLog;
import io.clientele.customer.internal.Contact;
import io.clientele.customer.internal.CustomerStore;
import io.clientele.event.Events;
import io.clientele.event.Notation;
import io.clientele.platform.Ids;
import io.clientele.platform.Problem;
import io.clientele.platform.Tx;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The customer feature's API: every change to a customer goes through here, so each one is validated,
 * written, audited (before/after) and announced on the outbox in the caller's transaction.
 */
public final class Customers {
    /** The most customers {@code CreateCustomers} takes in one call (one transaction). */
    public static final int MAX_BATCH = 500;

    /** A field's value before and after a change, as {@code customer.updated} and the timeline show it. */
    public record Change(Object from, Object to) {}

    private final CustomerStore store;
    private final Events events;
    private final AuditLog audit;
    private final CustomerMatcher matcher;
    private final List<MergeParticipant> mergeParticipants = new java.util.concurrent.CopyOnWriteArrayList<>();

    public Customers(CustomerStore store, Events events, AuditLog audit, CustomerMatcher matcher) {
        this.store = store;
        this.events = events;
        this.audit = audit;
        this.matcher = matcher;
    }

    /**
     * After a customer was created from contact details that matched no one for certain (find-or-create,
     * a sale naming its customer by contact): records the existing customers it may duplicate, as the
     * tenant's duplicate report shows them, and answers them.
     */
    public List<CustomerMatcher.Match> suggestDuplicates(Tx tx, Customer created) {
        List<CustomerMatcher.Match> likely = matcher.find(tx, ContactDetails.of(created), created.customerId(),
                CustomerMatcher.DEFAULT_MIN_CONFIDENCE, MAX_SUGGESTIONS);
        matcher.suggest(tx, created.customerId(), likely);
        return likely;
    }

    /** {@link #suggestDuplicates} when the matches were found before the customer was created ({@link CustomerMatcher#decide}). */
    public List<CustomerMatcher.Match> suggestDuplicates(Tx tx, Customer created, List<CustomerMatcher.Match> likely) {
        matcher.suggest(tx, created.customerId(), likely);
        return likely;
    }

    /**
     * {@link #suggestDuplicates} for customers created together (a history import), in a constant number of
     * statements: each is matched against the customers that existed before it, those earlier in the list
     * included, as if they had been created one after another.
     */
    public List<List<CustomerMatcher.Match>> suggestDuplicatesAll(Tx tx, List<Customer> created) {
        List<java.util.Set<String>> later = new ArrayList<>();
        for (int i = 0; i < created.size(); i++) {
            later.add(created.subList(i + 1, created.size()).stream().map(Customer::customerId)
                    .collect(java.util.stream.Collectors.toSet()));
        }
        List<String> ids = created.stream().map(Customer::customerId).toList();
        List<List<CustomerMatcher.Match>> likely = matcher.findAll(tx, created.stream().map(ContactDetails::of).toList(), ids,
                later, CustomerMatcher.DEFAULT_MIN_CONFIDENCE, MAX_SUGGESTIONS);
        matcher.suggestAll(tx, ids, likely);
        return likely;
    }

    /** The most duplicates suggested for one new customer. */
    public static final int MAX_SUGGESTIONS = 5;

    public Customer create(Tx tx, CustomerDraft draft) {
        Customer customer = prepare(tx, draft, "");
        insert(tx, List.of(customer));
        return customer;
    }

    /**
     * Creates every customer, in order, or none: all drafts are checked before the first is written, and
     * each problem names its draft ({@code /customers/3/email}). Each customer is audited and emits
     * {@code customer.created} as if created alone.
     */
    public List<Customer> createAll(Tx tx, List<CustomerDraft> drafts) {
        List<Customer> prepared = new ArrayList<>(drafts.size());
        List<Problem.Detail> problems = new ArrayList<>();
        for (int i = 0; i < drafts.size(); i++) {
            try {
                prepared.add(prepare(tx, drafts.get(i), "/customers/" + i));
            } catch (Problem p) {
                problems.addAll(p.details());
            }
        }
        if (!problems.isEmpty()) throw Problem.validation(problems);
        insert(tx, prepared);
        return prepared;
    }

    private static Customer prepare(Tx tx, CustomerDraft draft, String path) {
        Address address = normalize(draft.address());
        Customer customer = new Customer(Ids.newId(), blankToNull(draft.firstName()), blankToNull(draft.lastName()),
                blankToNull(draft.email()), blankToNull(draft.phone()), null, blankToNull(draft.company()),
                blankToNull(draft.internalId()), blankToNull(draft.campaignId()), address,
                Objects.requireNonNullElse(draft.status(), "enabled"),
                Objects.requireNonNullElse(draft.lifecycleStage(), "customer"),
                normalizeTags(draft.tags() == null ? List.of() : draft.tags()), blankToNull(draft.source()),
                tx.now(), tx.now());
        return withPhone(check(customer, path));
    }

    /** Writes, audits and announces new customers, each statement batched over all of them. */
    private void insert(Tx tx, List<Customer> created) {
        store.insertAll(tx, created);
        audit.recordAll(tx, created.stream()
                .map(c -> new AuditLog.Change("customer", c.customerId(), "create", null, c))
                .toList());
        events.emitAll(tx, created.stream()
                .map(c -> new Events.NewEvent(Notation.CUSTOMER_CREATED, "customer", c.customerId(), c.customerId(),
                        Map.of("customer", c)))
                .toList());
    }

    /** A live customer of the tenant, or empty (also when deleted or another tenant's). */
    public Optional<Customer> find(Tx tx, String customerId) {
        return store.find(tx, customerId, false);
    }

    /** The live customers of the tenant among {@code customerIds}, by id; one statement. */
    public Map<String, Customer> findAll(Tx tx, Collection<String> customerIds) {
        return store.findAll(tx, customerIds);
    }

    /**
     * The newest live customer whose email matches, compared lower-cased and trimmed; empty when none does
     * (deleted customers never match). A blank email matches nobody.
     */
    public Optional<Customer> findByEmail(Tx tx, String email) {
        if (email == null || email.isBlank()) return Optional.empty();
        return store.findByEmail(tx, Contact.normalizeEmail(email));
    }

    /**
     * Holds, until commit, every caller that takes the same lock for this email (compared as
     * {@link #findByEmail} does), so two concurrent writes that find no customer for a new email and
     * create one create it once. It does not stop a plain {@link #create} with that email.
     */
    public void lockEmail(Tx tx, String email) {
        store.lockEmail(tx, Contact.normalizeEmail(email));
    }

    /**
     * {@link #lockEmail} and {@link #findByEmail} for many emails in two statements: the newest live customer
     * of each email that has one, keyed by {@link #emailKey}. Blank emails are skipped.
     */
    public Map<String, Customer> lockAndFindByEmails(Tx tx, List<String> emails) {
        List<String> keys = emails.stream().map(Customers::emailKey).filter(Objects::nonNull).distinct().toList();
        if (keys.isEmpty()) return Map.of();
        store.lockEmails(tx, keys);
        return store.findByEmails(tx, keys);
    }

    /** An email as customers are matched by it (trimmed, lower-cased); null for a blank one. */
    public static String emailKey(String email) {
        return email == null || email.isBlank() ? null : Contact.normalizeEmail(email);
    }

    public boolean exists(Tx tx, String customerId) {
        return store.exists(tx, customerId);
    }

    public Customer get(Tx tx, String customerId) {
        return find(tx, customerId).orElseThrow(() -> Problem.notFound("customer", customerId));
    }

    /** Applies the changes; returns the customer and what changed (empty when nothing did). */
    public Map.Entry<Customer, Map<String, Change>> edit(Tx tx, String customerId, CustomerChanges ch) {
        Customer before = store.find(tx, customerId, true).orElseThrow(() -> Problem.notFound("customer", customerId));
        Address a = before.address();
        Address changedAddress = ch.address() == null ? a : normalize(new Address(
                pick(a.line1(), ch.address().line1()), pick(a.line2(), ch.address().line2()),
                pick(a.city(), ch.address().city()), pick(a.state(), ch.address().state()),
                pick(a.zip(), ch.address().zip()), pick(a.country(), ch.address().country())));
        List<String> tags = new ArrayList<>(ch.tags() == null ? before.tags() : ch.tags());
        if (ch.addTags() != null) tags.addAll(ch.addTags());
        if (ch.removeTags() != null) {
            List<String> remove = normalizeTags(ch.removeTags());
            tags.removeIf(t -> remove.contains(t.strip()));
        }
        Customer after = new Customer(customerId, pick(before.firstName(), ch.firstName()),
                pick(before.lastName(), ch.lastName()), pick(before.email(), ch.email()), pick(before.phone(), ch.phone()),
                before.phoneE164(), pick(before.company(), ch.company()), pick(before.internalId(), ch.internalId()),
                pick(before.campaignId(), ch.campaignId()), changedAddress,
                ch.status() == null ? before.status() : ch.status(),
                ch.lifecycleStage() == null ? before.lifecycleStage() : ch.lifecycleStage(),
                normalizeTags(tags), pick(before.source(), ch.source()), before.createdAt(), tx.now());
        after = withPhone(check(after, ""));
        Map<String, Change> changes = diff(before, after);
        if (changes.isEmpty()) return Map.entry(before, changes);
        store.update(tx, after);
        audit.record(tx, "customer", customerId, "update", before, after);
        events.emit(tx, Notation.CUSTOMER_UPDATED, "customer", customerId, customerId,
                Map.of("customer_id", customerId, "changes", changes));
        return Map.entry(after, changes);
    }

    /** Registers a feature's part in merging customers (see {@link MergeParticipant}); at wiring time. */
    public void onMerge(MergeParticipant participant) {
        mergeParticipants.add(participant);
    }

    /** The fields a merge may take from either customer; tags are always the union of both. */
    public static final List<String> MERGE_FIELDS = List.of("first_name", "last_name", "email", "phone", "company",
            "internal_id", "campaign_id", "address", "status", "lifecycle_stage", "source");

    /** What a merge did, or in a dry run would do. */
    public record MergeResult(String mergeId, Customer primary, Map<String, Long> moved, List<String> changedFields,
                              Map<String, String> fieldChoices, boolean dryRun) {}

    /**
     * Merges the secondary customer into the primary (seed 004 "Customer Merge"): each field keeps the
     * primary's value unless {@code choices} names {@code secondary} for it, or the primary has none; tags
     * are the union. Every feature moves its records (see {@link MergeParticipant}); the secondary is
     * soft-deleted with {@code merged_into}, the merge is logged and audited, and {@code customer.merged}
     * is the only event. A dry run computes all of it and writes nothing.
     */
    public MergeResult merge(Tx tx, String primaryId, String secondaryId, Map<String, String> choices, boolean dryRun) {
        if (primaryId.equals(secondaryId)) {
            throw Problem.validation("/secondary_customer_id", "must be another customer than primary_customer_id");
        }
        // Both rows locked, in id order, so two merges of the same pair cannot deadlock.
        boolean primaryFirst = primaryId.compareTo(secondaryId) < 0;
        Optional<Customer> first = store.find(tx, primaryFirst ? primaryId : secondaryId, true);
        Optional<Customer> second = store.find(tx, primaryFirst ? secondaryId : primaryId, true);
        Customer primary = (primaryFirst ? first : second)
                .orElseThrow(() -> Problem.notFound("customer", primaryId, "/primary_customer_id"));
        Customer secondary = (primaryFirst ? second : first)
                .orElseThrow(() -> Problem.notFound("customer", secondaryId, "/secondary_customer_id"));

        Map<String, String> applied = new LinkedHashMap<>();
        Customer merged = mergedFields(primary, secondary, choices, applied, tx);
        Map<String, Long> moved = new java.util.TreeMap<>();
        for (MergeParticipant participant : mergeParticipants) {
            participant.move(tx, secondaryId, primaryId, dryRun).forEach((kind, n) -> {
                if (n > 0) moved.merge(kind, n, Long::sum);
            });
        }
        Map<String, Change> changes = diff(primary, merged);
        List<String> changedFields = List.copyOf(changes.keySet());
        String mergeId = Ids.newId();
        if (dryRun) return new MergeResult(null, changes.isEmpty() ? primary : merged, moved, changedFields, applied, true);

        if (!changes.isEmpty()) store.update(tx, merged);
        store.markMerged(tx, secondaryId, primaryId, tx.now());
        store.logMerge(tx, mergeId, primaryId, secondaryId, moved, applied, changedFields);
        audit.recordAll(tx, List.of(
                new AuditLog.Change("customer", primaryId, "merge", primary, Map.of("customer", merged,
                        "secondary_customer_id", secondaryId, "moved", moved, "merge_id", mergeId)),
                new AuditLog.Change("customer", secondaryId, "merged_into", secondary, Map.of("merged_into", primaryId,
                        "deleted_at", tx.now(), "merge_id", mergeId))));
        events.emit(tx, Notation.CUSTOMER_MERGED, "customer", primaryId, primaryId, Map.of("primary_customer_id", primaryId,
                "secondary_customer_id", secondaryId, "moved", moved, "changed_fields", changedFields, "merge_id", mergeId));
        return new MergeResult(mergeId, changes.isEmpty() ? primary : merged, moved, changedFields, applied, false);
    }

    /** The id of the customer a merged-away customer became, if {@code customerId} was merged. */
    public Optional<String> mergedInto(Tx tx, String customerId) {
        return store.mergedInto(tx, customerId);
    }

    /** Picks each field from the primary or the secondary, and remembers which. */
    private static final class Chooser {
        private final Map<String, String> choices;
        private final Map<String, String> applied;

        Chooser(Map<String, String> choices, Map<String, String> applied) {
            this.choices = choices;
            this.applied = applied;
        }

        /** The secondary's value when chosen, or when the primary has none; else the primary's. */
        <T> T pick(String field, T primary, T secondary) {
            boolean takeSecondary = "secondary".equals(choices.get(field)) || (primary == null && secondary != null);
            applied.put(field, takeSecondary ? "secondary" : "primary");
            return takeSecondary ? secondary : primary;
        }
    }

    private static Customer mergedFields(Customer p, Customer s, Map<String, String> choices, Map<String, String> applied, Tx tx) {
        Chooser c = new Chooser(choices, applied);
        Address address = c.pick("address", p.address().equals(Address.EMPTY) ? null : p.address(),
                s.address().equals(Address.EMPTY) ? null : s.address());
        LinkedHashSet<String> tags = new LinkedHashSet<>(p.tags());
        tags.addAll(s.tags());
        Customer merged = new Customer(p.customerId(),
                c.pick("first_name", p.firstName(), s.firstName()),
                c.pick("last_name", p.lastName(), s.lastName()),
                c.pick("email", p.email(), s.email()),
                c.pick("phone", p.phone(), s.phone()), null,
                c.pick("company", p.company(), s.company()),
                c.pick("internal_id", p.internalId(), s.internalId()),
                c.pick("campaign_id", p.campaignId(), s.campaignId()),
                address == null ? Address.EMPTY : address,
                c.pick("status", p.status(), s.status()),
                c.pick("lifecycle_stage", p.lifecycleStage(), s.lifecycleStage()),
                tags.stream().limit(50).toList(),
                c.pick("source", p.source(), s.source()),
                p.createdAt(), tx.now());
        return withPhone(merged);
    }

    public void delete(Tx tx, String customerId) {
        Customer before = store.find(tx, customerId, true).orElseThrow(() -> Problem.notFound("customer", customerId));
        store.setDeleted(tx, customerId, tx.now());
        audit.record(tx, "customer", customerId, "delete", before, Map.of("deleted_at", tx.now()));
        events.emit(tx, Notation.CUSTOMER_DELETED, "customer", customerId, customerId, Map.of("customer_id", customerId));
    }

    public Customer restore(Tx tx, String customerId) {
        Optional<String> mergedInto = store.mergedInto(tx, customerId);
        if (mergedInto.isPresent()) {
            throw Problem.conflict("/customer_id", "Customer " + customerId + " was merged into " + mergedInto.get()
                    + " and its records moved there; it cannot be restored. Use " + mergedInto.get() + ".");
        }
        Customer deleted = store.findDeleted(tx, customerId).orElseThrow(() -> store.exists(tx, customerId)
                ? Problem.conflict("/customer_id", "Customer " + customerId + " is not deleted; there is nothing to restore.")
                : Problem.notFound("customer", customerId));
        store.setDeleted(tx, customerId, null);
        audit.record(tx, "customer", customerId, "restore", Map.of("deleted", true), deleted);
        events.emit(tx, Notation.CUSTOMER_RESTORED, "customer", customerId, customerId, Map.of("customer_id", customerId));
        return store.find(tx, customerId, false).orElseThrow();
    }

    /** The customer, or a validation problem whose pointers start with {@code path}. */
    private static Customer check(Customer c, String path) {
        List<Problem.Detail> problems = new ArrayList<>();
        if (c.email() != null && !Contact.isValidEmail(c.email())) {
            problems.add(new Problem.Detail(path + "/email", "'" + c.email() + "' is not a valid email address; use the form name@example.com"));
        }
        if (c.address().country() != null && !Contact.isCountryCode(c.address().country())) {
            problems.add(new Problem.Detail(path + "/address/country",
                    "'" + c.address().country() + "' is not an ISO 3166-1 alpha-2 country code; use e.g. US, GB, DE"));
        }
        for (String tag : c.tags()) {
            if (tag.isEmpty()) problems.add(new Problem.Detail(path + "/tags", "tags must not be empty"));
        }
        if (c.tags().size() > 50) problems.add(new Problem.Detail(path + "/tags", "a customer has at most 50 tags"));
        if (!problems.isEmpty()) throw Problem.validation(problems);
        return c;
    }

    private static Customer withPhone(Customer c) {
        String e164 = Contact.toE164(c.phone(), c.address().country()).orElse(null);
        return new Customer(c.customerId(), c.firstName(), c.lastName(), c.email(), c.phone(), e164, c.company(),
                c.internalId(), c.campaignId(), c.address(), c.status(), c.lifecycleStage(), c.tags(), c.source(),
                c.createdAt(), c.updatedAt());
    }

    private static Map<String, Change> diff(Customer before, Customer after) {
        Map<String, Change> changes = new LinkedHashMap<>();
        put(changes, "first_name", before.firstName(), after.firstName());
        put(changes, "last_name", before.lastName(), after.lastName());
        put(changes, "email", before.email(), after.email());
        put(changes, "phone", before.phone(), after.phone());
        put(changes, "company", before.company(), after.company());
        put(changes, "internal_id", before.internalId(), after.internalId());
        put(changes, "campaign_id", before.campaignId(), after.campaignId());
        put(changes, "address", before.address(), after.address());
        put(changes, "status", before.status(), after.status());
        put(changes, "lifecycle_stage", before.lifecycleStage(), after.lifecycleStage());
        put(changes, "tags", before.tags(), after.tags());
        put(changes, "source", before.source(), after.source());
        return changes;
    }

    private static void put(Map<String, Change> changes, String field, Object before, Object after) {
        if (!Objects.equals(before, after)) changes.put(field, new Change(before, after));
    }

    private static Address normalize(Address a) {
        if (a == null) return Address.EMPTY;
        String country = blankToNull(a.country());
        return new Address(blankToNull(a.line1()), blankToNull(a.line2()), blankToNull(a.city()), blankToNull(a.state()),
                blankToNull(a.zip()), country == null ? null : country.toUpperCase(Locale.ROOT));
    }

    /** Trimmed, without duplicates, in the order given. */
    private static List<String> normalizeTags(List<String> tags) {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (String t : tags) out.add(t.strip());
        return List.copyOf(out);
    }

    /** Edit rule: null keeps the current value, an empty string clears it. */
    private static String pick(String current, String given) {
        if (given == null) return current;
        return blankToNull(given);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
