package io.clientele.customer;

import io.clientele.customer.internal.Contact;
import io.clientele.customer.internal.DuplicateStore;
import io.clientele.platform.Tx;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Finds the customers a person may already be (seed 004 "Smart Duplicate Detection"). Each matching key
 * is evidence with the seed's weight: the same email 100%, the same phone 90%, a similar name 70% to
 * 90% (names sounding alike with trigram similarity from 0.5, "Jon Smith" to "John Smith" is 0.62, up
 * to 1 for the same name), the same address 50% (never enough alone). Independent evidence combines as
 * 1 − Π(1 − p): a phone and a name together give 97%. Values on the tenant's blocklist never match.
 * Every path that takes contact details (find-or-create, sales naming a customer) uses this one matcher.
 */
public final class CustomerMatcher {
    public static final int DEFAULT_MIN_CONFIDENCE = 70;
    public static final List<String> KINDS = List.of("email", "phone", "name");

    /** A customer the person may be, how sure (0 to 100), and which keys matched. */
    public record Match(Customer customer, int confidence, List<String> matchedKeys) {}

    /** A value on the tenant's blocklist, as matching compares it. */
    public record BlockedValue(String kind, String value, java.time.Instant createdAt) {}

    /** One pair of likely duplicates in the tenant. */
    public record Pair(String customerId, String duplicateCustomerId, int confidence, List<String> matchedKeys) {}

    private final DuplicateStore store;

    public CustomerMatcher(DuplicateStore store) {
        this.store = store;
    }

    /** Live customers of the tenant that may be this person, strongest first; {@code excludeId} is left out. */
    public List<Match> find(Tx tx, ContactDetails person, String excludeId, int minConfidence, int limit) {
        Probe probe = probe(tx, person);
        if (probe.isEmpty()) return List.of();
        return matches(store.candidates(tx, probe.email, probe.phone, probe.name, probe.line1, probe.zip,
                excludeId, Math.max(limit * 4, 50)), Set.of(), minConfidence, limit);
    }

    /**
     * {@link #find} for many people in a constant number of statements (a batch import's new customers):
     * element i answers person i, leaving out {@code excludeIds.get(i)} and the customers in {@code alsoExcluded.get(i)}.
     */
    public List<List<Match>> findAll(Tx tx, List<ContactDetails> people, List<String> excludeIds,
                                     List<Set<String>> alsoExcluded, int minConfidence, int limit) {
        List<Probe> probes = probeAll(tx, people);
        List<Integer> asked = new ArrayList<>();
        List<DuplicateStore.Probe> queries = new ArrayList<>();
        for (int i = 0; i < probes.size(); i++) {
            Probe p = probes.get(i);
            if (p.isEmpty()) continue;
            asked.add(i);
            queries.add(new DuplicateStore.Probe(p.email, p.phone, p.name, p.line1, p.zip, excludeIds.get(i)));
        }
        List<List<DuplicateStore.Candidate>> candidates = store.candidatesAll(tx, queries, Math.max(limit * 4, 50));
        List<List<Match>> found = new ArrayList<>();
        people.forEach(p -> found.add(List.of()));
        for (int q = 0; q < asked.size(); q++) {
            int i = asked.get(q);
            found.set(i, matches(candidates.get(q), alsoExcluded.get(i), minConfidence, limit));
        }
        return found;
    }

    private static List<Match> matches(List<DuplicateStore.Candidate> candidates, Set<String> excluded, int minConfidence,
                                       int limit) {
        List<Match> matches = new ArrayList<>();
        for (DuplicateStore.Candidate c : candidates) {
            if (excluded.contains(c.customer().customerId())) continue;
            Evidence e = evidence(c.email(), c.phone(), c.nameSimilarity(), c.address());
            if (e != null && e.confidence() >= minConfidence) matches.add(new Match(c.customer(), e.confidence(), e.keys()));
        }
        matches.sort(Comparator.comparingInt(Match::confidence).reversed());
        return matches.size() > limit ? matches.subList(0, limit) : matches;
    }

    /**
     * The customer this person certainly is: the same email, or, when no email was given, the same phone
     * (neither blocklisted). Find-or-create reuses it.
     */
    public Optional<Customer> sameCustomer(Tx tx, ContactDetails person) {
        Probe probe = probe(tx, person);
        boolean byEmail = !probe.email.isEmpty();
        if (!byEmail && probe.phone.isEmpty()) return Optional.empty();
        return store.candidates(tx, probe.email, byEmail ? "" : probe.phone, "", "", "", null, 1).stream()
                .filter(c -> byEmail ? c.email() : c.phone())
                .map(DuplicateStore.Candidate::customer)
                .findFirst();
    }

    /**
     * What find-or-create needs before it writes, from one normalisation and one candidate query: the customer
     * this person certainly is ({@link #sameCustomer}), or else the likely duplicates a new customer would
     * have ({@link #find} with {@link #DEFAULT_MIN_CONFIDENCE}, at most {@code limit}). Asking both in one
     * query halves the statements of a find-or-create that creates.
     */
    public record Decision(Optional<Customer> same, List<Match> likely) {}

    public Decision decide(Tx tx, ContactDetails person, int limit) {
        Probe probe = probe(tx, person);
        if (probe.isEmpty()) return new Decision(Optional.empty(), List.of());
        List<DuplicateStore.Candidate> candidates = store.candidates(tx, probe.email, probe.phone, probe.name, probe.line1,
                probe.zip, null, Math.max(limit * 4, 50));
        // Candidates come email matches first, then phone matches: the first one tells whether the person is certain.
        boolean byEmail = !probe.email.isEmpty();
        Optional<Customer> same = candidates.stream().findFirst()
                .filter(c -> byEmail ? c.email() : c.phone())
                .map(DuplicateStore.Candidate::customer);
        if (same.isPresent()) return new Decision(same, List.of());
        return new Decision(Optional.empty(), matches(candidates, Set.of(), DEFAULT_MIN_CONFIDENCE, limit));
    }

    /** How sure two records are one person, from the keys they share, and which keys those are. */
    private record Evidence(int confidence, List<String> keys) {}

    /**
     * The seed's weights: the same email 100%, phone 90%, a similar name 70% (similarity {@link
     * DuplicateStore#NAME_MATCH}) to 90% (the same name), the same address 50% but never alone; null when
     * no key matched.
     */
    private static Evidence evidence(boolean email, boolean phone, double nameSimilarity, boolean address) {
        List<String> keys = new ArrayList<>();
        List<Double> evidence = new ArrayList<>();
        if (email) { keys.add("email"); evidence.add(1.0); }
        if (phone) { keys.add("phone"); evidence.add(0.9); }
        if (nameSimilarity >= DuplicateStore.NAME_MATCH) {
            keys.add("name");
            evidence.add(nameEvidence(nameSimilarity));
        }
        if (keys.isEmpty()) return null;
        if (address) { keys.add("address"); evidence.add(0.5); }
        return new Evidence(combine(evidence), List.copyOf(keys));
    }

    private static double nameEvidence(double similarity) {
        return 0.7 + 0.2 * (similarity - DuplicateStore.NAME_MATCH) / (1 - DuplicateStore.NAME_MATCH);
    }

    /** Records that a new customer may duplicate these (shown in the tenant's duplicate report). */
    public void suggest(Tx tx, String customerId, List<Match> matches) {
        for (Match m : matches) store.suggest(tx, customerId, m.customer().customerId(), m.confidence(), m.matchedKeys());
    }

    /** {@link #suggest} for many new customers in one batch: {@code matches.get(i)} are those of {@code customerIds.get(i)}. */
    public void suggestAll(Tx tx, List<String> customerIds, List<List<Match>> matches) {
        List<DuplicateStore.Suggestion> all = new ArrayList<>();
        for (int i = 0; i < customerIds.size(); i++) {
            for (Match m : matches.get(i)) {
                all.add(new DuplicateStore.Suggestion(customerIds.get(i), m.customer().customerId(), m.confidence(),
                        m.matchedKeys(), true));
            }
        }
        store.suggestAll(tx, all);
    }

    /** One page of the duplicate report, and the cursor of the next (null on the last page). */
    public record PairPage(List<Pair> pairs, String nextCursor) {}

    /** Blocks of alike-sounding names compared per round trip, and name pairs read per round trip at most. */
    private static final int BLOCKS_PER_READ = 200;
    private static final int NAME_PAIRS_PER_READ = 2_000;

    /**
     * Likely duplicate pairs across the tenant at or above {@code minConfidence}, a page at a time: first the
     * pairs sharing an email or phone and the suggestions stored at creation, strongest first; then pairs
     * whose names are similar (and sound alike: surname and first name with the same soundex), block by
     * block, with the same weights as {@link #find}. {@code cursor} is a page's {@code nextCursor}, or null.
     */
    public PairPage pairs(Tx tx, int minConfidence, int limit, String cursor) {
        List<Pair> page = new ArrayList<>();
        List<DuplicateStore.NameKey> resume = new ArrayList<>(); // where the name pairs continue after each entry
        DuplicateStore.NameKey after = DuplicateStore.NameKey.START;
        if (cursor == null || cursor.startsWith(KEYED_CURSOR)) {
            int offset = cursor == null ? 0 : offsetOf(cursor);
            List<Pair> keyed = keyedPairs(tx, minConfidence, offset + limit + 1);
            if (keyed.size() > offset + limit) {
                return new PairPage(List.copyOf(keyed.subList(offset, offset + limit)), KEYED_CURSOR + (offset + limit));
            }
            for (Pair p : keyed.subList(Math.min(offset, keyed.size()), keyed.size())) {
                page.add(p);
                resume.add(DuplicateStore.NameKey.START);
            }
        } else {
            after = nameKeyOf(cursor);
        }
        double minSimilarity = minNameSimilarity(minConfidence);
        DuplicateStore.NameKey blocksFrom = after;
        boolean inclusive = true;
        while (page.size() <= limit) {
            List<DuplicateStore.NameKey> blocks = store.nameBlocks(tx, blocksFrom, inclusive, BLOCKS_PER_READ);
            if (blocks.isEmpty()) break;
            DuplicateStore.NameKey upTo = blocks.getLast();
            List<DuplicateStore.NamePair> found = store.namePairs(tx, after, upTo, minSimilarity, NAME_PAIRS_PER_READ);
            for (DuplicateStore.NamePair p : found) {
                Evidence e = evidence(false, false, p.nameSimilarity(), p.address());
                if (e == null || e.confidence() < minConfidence) continue;
                page.add(new Pair(p.key().customerId(), p.key().duplicateOf(), e.confidence(), e.keys()));
                resume.add(p.key());
                if (page.size() > limit) break;
            }
            if (found.size() == NAME_PAIRS_PER_READ) {
                after = found.getLast().key();
                blocksFrom = after;
                inclusive = true;
            } else {
                // Every pair up to the last block is read: go on after it.
                after = DuplicateStore.NameKey.START;
                blocksFrom = upTo;
                inclusive = false;
                DuplicateStore.NameKey next = store.nameBlocks(tx, upTo, false, 1).stream().findFirst().orElse(null);
                if (next == null) break;
                after = new DuplicateStore.NameKey(next.lastSound(), next.firstSound(), "", "");
                blocksFrom = next;
                inclusive = true;
            }
        }
        if (page.size() <= limit) return new PairPage(List.copyOf(page), null);
        return new PairPage(List.copyOf(page.subList(0, limit)), nameCursor(resume.get(limit - 1)));
    }

    /** The lowest name similarity that can reach {@code minConfidence} (with an address beside it). */
    private static double minNameSimilarity(int minConfidence) {
        double evidenceNeeded = 1 - 2 * (1 - (minConfidence - 0.5) / 100.0); // combined with the address's 0.5
        return DuplicateStore.NAME_MATCH + (evidenceNeeded - 0.7) * (1 - DuplicateStore.NAME_MATCH) / 0.2 - 1e-9;
    }

    private static final String KEYED_CURSOR = "k";
    private static final String NAME_CURSOR = "n";

    private static String nameCursor(DuplicateStore.NameKey k) {
        return NAME_CURSOR + String.join(",", k.lastSound(), k.firstSound(), k.customerId(), k.duplicateOf());
    }

    private static DuplicateStore.NameKey nameKeyOf(String cursor) {
        String[] parts = cursor.substring(NAME_CURSOR.length()).split(",", -1);
        if (!cursor.startsWith(NAME_CURSOR) || parts.length != 4
                || !java.util.Arrays.stream(parts).allMatch(p -> p.matches("[A-Za-z0-9]{0,20}"))) {
            throw badCursor();
        }
        return new DuplicateStore.NameKey(parts[0], parts[1], parts[2], parts[3]);
    }

    private static int offsetOf(String cursor) {
        try {
            int offset = Integer.parseInt(cursor.substring(KEYED_CURSOR.length()));
            if (offset > 0) return offset;
        } catch (NumberFormatException e) {
            // answered below
        }
        throw badCursor();
    }

    private static io.clientele.platform.Problem badCursor() {
        return io.clientele.platform.Problem.validation("/cursor", "is not a cursor this report gave; send next_cursor"
                + " from the previous page, with the same min_confidence");
    }

    /** Pairs sharing an email or phone, and stored suggestions, at or above {@code minConfidence}, strongest first. */
    private List<Pair> keyedPairs(Tx tx, int minConfidence, int atLeast) {
        for (int rows = atLeast * 3; ; rows *= 2) {
            List<DuplicateStore.Suggestion> evidence = store.pairEvidence(tx, rows);
            List<Pair> pairs = combinePairs(evidence, minConfidence);
            if (evidence.size() < rows || pairs.size() >= atLeast) return pairs;
        }
    }

    private static List<Pair> combinePairs(List<DuplicateStore.Suggestion> rows, int minConfidence) {
        Map<String, List<DuplicateStore.Suggestion>> byPair = new LinkedHashMap<>();
        for (DuplicateStore.Suggestion s : rows) {
            String a = s.customerId().compareTo(s.duplicateOf()) < 0 ? s.customerId() : s.duplicateOf();
            String b = a.equals(s.customerId()) ? s.duplicateOf() : s.customerId();
            byPair.computeIfAbsent(a + "/" + b, k -> new ArrayList<>()).add(s);
        }
        List<Pair> pairs = new ArrayList<>();
        byPair.forEach((key, evidence) -> {
            Set<String> keys = new TreeSet<>();
            evidence.forEach(e -> keys.addAll(e.matchedKeys()));
            // A shared email and a shared phone are independent evidence; a stored suggestion already combined
            // its own keys (which may include the phone), so it counts as a whole, never on top of them.
            int shared = combine(evidence.stream().filter(e -> !e.stored()).map(e -> e.confidence() / 100.0).toList());
            int suggested = evidence.stream().filter(DuplicateStore.Suggestion::stored).mapToInt(DuplicateStore.Suggestion::confidence)
                    .max().orElse(0);
            int confidence = Math.max(shared, suggested);
            String[] ids = key.split("/");
            if (confidence >= minConfidence) pairs.add(new Pair(ids[0], ids[1], confidence, List.copyOf(keys)));
        });
        pairs.sort(Comparator.comparingInt(Pair::confidence).reversed().thenComparing(Pair::customerId)
                .thenComparing(Pair::duplicateCustomerId));
        return pairs;
    }

    /** Puts a value on the blocklist, normalised as matching compares it; false when it was there already. */
    public boolean block(Tx tx, String kind, String value) {
        return store.block(tx, kind, normalized(tx, kind, value));
    }

    public boolean unblock(Tx tx, String kind, String value) {
        return store.unblock(tx, kind, normalized(tx, kind, value));
    }

    public List<BlockedValue> blocklist(Tx tx) {
        return store.blocklist(tx).stream().map(b -> new BlockedValue(b.kind(), b.value(), b.createdAt())).toList();
    }

    /** A value as it is compared: emails lower-cased, phones in E.164 (or digits when they do not parse), names normalised. */
    public String normalized(Tx tx, String kind, String value) {
        return switch (kind) {
            case "email" -> Contact.normalizeEmail(value);
            case "phone" -> Contact.toE164(value, null).orElse(value.replaceAll("[^0-9+]", ""));
            default -> store.normalize(tx, value);
        };
    }

    static int combine(List<Double> evidence) {
        double none = 1;
        for (double p : evidence) none *= 1 - Math.min(1, p);
        return (int) Math.round(100 * (1 - none));
    }

    private record Probe(String email, String phone, String name, String line1, String zip) {
        boolean isEmpty() {
            return email.isEmpty() && phone.isEmpty() && name.isEmpty();
        }
    }

    /** The person's keys as the store compares them, with blocklisted values turned off. */
    private Probe probe(Tx tx, ContactDetails p) {
        String email = email(p);
        String phone = phone(p);
        return probe(email, phone, store.normalizeAndCheck(tx, email, phone, name(p), p.addressLine1(), p.zip()));
    }

    /** {@link #probe} for many people in one statement. */
    private List<Probe> probeAll(Tx tx, List<ContactDetails> people) {
        List<DuplicateStore.Normalized> normalized = store.normalizeAndCheckAll(tx, people.stream()
                .map(p -> new DuplicateStore.Person(email(p), phone(p), name(p), p.addressLine1(), p.zip())).toList());
        List<Probe> probes = new ArrayList<>();
        for (int i = 0; i < people.size(); i++) {
            probes.add(probe(email(people.get(i)), phone(people.get(i)), normalized.get(i)));
        }
        return probes;
    }

    private static String email(ContactDetails p) {
        return p.email() == null || p.email().isBlank() ? "" : Contact.normalizeEmail(p.email());
    }

    private static String phone(ContactDetails p) {
        return Contact.toE164(p.phone(), p.country()).orElse("");
    }

    private static String name(ContactDetails p) {
        return String.join(" ", nonNull(p.firstName()), nonNull(p.lastName()));
    }

    private static Probe probe(String email, String phone, DuplicateStore.Normalized n) {
        Set<String> blocked = n.blockedKinds();
        String name = n.name();
        return new Probe(blocked.contains("email") ? "" : email, blocked.contains("phone") ? "" : phone,
                blocked.contains("name") ? "" : name, n.line1(), n.zip());
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }
}
