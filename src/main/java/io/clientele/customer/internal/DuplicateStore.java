package io.clientele.customer.internal;

import io.clientele.customer.Customer;
import io.clientele.platform.Tx;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;

/** SQL of duplicate detection: candidates by exact email, exact E.164 phone or a similar name; the blocklist; suggestions. */
public final class DuplicateStore {
    /** Name similarity (trigrams, 0 to 1) from which two names count as matching. */
    public static final double NAME_MATCH = 0.5;

    /** What matched between the probe and one customer. */
    public record Candidate(Customer customer, boolean email, boolean phone, double nameSimilarity, boolean address) {}

    public record BlockedValue(String kind, String value, Instant createdAt) {}

    /** Evidence that two customers are one; {@code stored} for a suggestion recorded at creation (its keys already combined). */
    public record Suggestion(String customerId, String duplicateOf, int confidence, List<String> matchedKeys, boolean stored) {}

    /**
     * Live customers of the tenant sharing the email or phone, or whose name is similar (pre-selected by
     * the names' soundex index: every word of the probe's name sounds like one of theirs; any one word alike
     * drew every Smith of the tenant); empty strings turn a key off. At most {@code limit}, the strongest keys first.
     */
    public List<Candidate> candidates(Tx tx, String email, String phoneE164, String name, String line1, String zip,
                                      String excludeId, int limit) {
        return tx.handle().createQuery(normalizedColumns("SELECT " + CustomerStore.COLUMNS + """
                        , coalesce(:email <> '' AND email_normalized = :email, false) AS email_match,
                          coalesce(:phone <> '' AND phone_e164 = :phone, false) AS phone_match,
                          CASE WHEN :name = '' THEN 0 ELSE similarity(/*name*/, :name) END AS name_similarity,
                          ((:zip <> '' AND /*zip*/ = :zip)
                              OR (:line1 <> '' AND /*line1*/ = :line1)) AS address_match
                        FROM customer
                        WHERE tenant_id = :tenant AND deleted_at IS NULL AND id <> :exclude
                          AND ((:email <> '' AND email_normalized = :email)
                               OR (:phone <> '' AND phone_e164 = :phone)
                               OR (:name <> '' AND search_sounds @> search_sounds(:name)
                                   AND similarity(/*name*/, :name) >= :nameMatch))
                        ORDER BY email_match DESC, phone_match DESC, name_similarity DESC, id
                        LIMIT :limit"""))
                .bind("tenant", tx.tenant().value())
                .bind("email", email)
                .bind("phone", phoneE164)
                .bind("name", name)
                .bind("line1", line1)
                .bind("zip", zip)
                .bind("exclude", excludeId == null ? "" : excludeId)
                .bind("nameMatch", NAME_MATCH)
                .bind("limit", limit)
                .map((rs, ctx) -> new Candidate(CustomerStore.read(rs), rs.getBoolean("email_match"),
                        rs.getBoolean("phone_match"), rs.getDouble("name_similarity"), rs.getBoolean("address_match")))
                .list();
    }

    /** One person's keys as {@link #candidates} takes them (empty strings turn a key off), and the customer left out. */
    public record Probe(String email, String phoneE164, String name, String line1, String zip, String excludeId) {}

    /**
     * {@link #candidates} for many people in one statement (a batch import's new customers): element i
     * answers probe i, each at most {@code limit}, strongest keys first. Each probe's sounds are computed
     * once, not once per customer row compared.
     */
    public List<List<Candidate>> candidatesAll(Tx tx, List<Probe> probes, int limit) {
        List<List<Candidate>> found = new java.util.ArrayList<>();
        probes.forEach(p -> found.add(new java.util.ArrayList<>()));
        if (probes.isEmpty()) return found;
        tx.handle().createQuery(normalizedColumns("""
                        WITH p AS MATERIALIZED (
                            SELECT u.*, search_sounds(p_name) AS p_sounds
                            FROM unnest(:emails, :phones, :names, :line1s, :zips, :excludes)
                                WITH ORDINALITY AS u(p_email, p_phone, p_name, p_line1, p_zip, p_exclude, n))
                        SELECT p.n, c.* FROM p
                        CROSS JOIN LATERAL (
                            SELECT\s""" + CustomerStore.COLUMNS + """
                                , coalesce(p.p_email <> '' AND email_normalized = p.p_email, false) AS email_match,
                                  coalesce(p.p_phone <> '' AND phone_e164 = p.p_phone, false) AS phone_match,
                                  CASE WHEN p.p_name = '' THEN 0 ELSE similarity(/*name*/, p.p_name) END AS name_similarity,
                                  ((p.p_zip <> '' AND /*zip*/ = p.p_zip)
                                      OR (p.p_line1 <> '' AND /*line1*/ = p.p_line1)) AS address_match
                            FROM customer
                            WHERE tenant_id = :tenant AND deleted_at IS NULL AND id <> p.p_exclude
                              AND ((p.p_email <> '' AND email_normalized = p.p_email)
                                   OR (p.p_phone <> '' AND phone_e164 = p.p_phone)
                                   OR (p.p_name <> '' AND search_sounds @> p.p_sounds
                                       AND similarity(/*name*/, p.p_name) >= :nameMatch))
                            ORDER BY email_match DESC, phone_match DESC, name_similarity DESC, id
                            LIMIT :limit) c
                        ORDER BY p.n, c.email_match DESC, c.phone_match DESC, c.name_similarity DESC, c.id"""))
                .bind("tenant", tx.tenant().value())
                .bindArray("emails", String.class, probes.stream().map(Probe::email).toList())
                .bindArray("phones", String.class, probes.stream().map(Probe::phoneE164).toList())
                .bindArray("names", String.class, probes.stream().map(Probe::name).toList())
                .bindArray("line1s", String.class, probes.stream().map(Probe::line1).toList())
                .bindArray("zips", String.class, probes.stream().map(Probe::zip).toList())
                .bindArray("excludes", String.class, probes.stream().map(p -> p.excludeId() == null ? "" : p.excludeId()).toList())
                .bind("nameMatch", NAME_MATCH)
                .bind("limit", limit)
                .map((rs, ctx) -> java.util.Map.entry(rs.getInt("n") - 1, new Candidate(CustomerStore.read(rs),
                        rs.getBoolean("email_match"), rs.getBoolean("phone_match"), rs.getDouble("name_similarity"),
                        rs.getBoolean("address_match"))))
                .forEach(e -> found.get(e.getKey()).add(e.getValue()));
        return found;
    }

    /** The name, zip and first address line as matching compares them, computed in place (see {@link SearchStore#normalized}). */
    private static String normalizedColumns(String sql) {
        return sql.replace("/*name*/", SearchStore.normalized("first_name", "last_name"))
                .replace("/*zip*/", SearchStore.normalized("zip"))
                .replace("/*line1*/", SearchStore.normalized("address_line1"));
    }

    /** The text as matching compares it: lower case, no accents, single spaces. */
    public String normalize(Tx tx, String text) {
        if (text == null || text.isBlank()) return "";
        return tx.handle().createQuery("SELECT search_normalize(:text)").bind("text", squeezed(text))
                .mapTo(String.class).one();
    }

    /** A person's name and address as matching compares them, and which of their keys are blocklisted. */
    public record Normalized(String name, String line1, String zip, Set<String> blockedKinds) {}

    /**
     * Normalises the name and address (as {@link #normalize}) and looks the email, phone and name up on the
     * tenant's blocklist, in one statement: find-or-create and sales by contact run it on every call.
     */
    public Normalized normalizeAndCheck(Tx tx, String email, String phone, String name, String line1, String zip) {
        return tx.handle().createQuery("""
                        WITH n AS (SELECT coalesce(search_normalize(:name), '') AS name,
                                          coalesce(search_normalize(:line1), '') AS line1,
                                          coalesce(search_normalize(:zip), '') AS zip)
                        SELECT n.name, n.line1, n.zip,
                               ARRAY(SELECT kind FROM match_blocklist WHERE tenant_id = :tenant
                                     AND ((kind = 'email' AND value = :email) OR (kind = 'phone' AND value = :phone)
                                          OR (kind = 'name' AND value = n.name))) AS blocked
                        FROM n""")
                .bind("tenant", tx.tenant().value())
                .bind("email", email)
                .bind("phone", phone)
                .bind("name", squeezed(name))
                .bind("line1", squeezed(line1))
                .bind("zip", squeezed(zip))
                .map((rs, ctx) -> new Normalized(rs.getString("name"), rs.getString("line1"), rs.getString("zip"),
                        Set.of((String[]) rs.getArray("blocked").getArray())))
                .one();
    }

    /** A person's keys to normalise and check, as {@link #normalizeAndCheck} takes them. */
    public record Person(String email, String phone, String name, String line1, String zip) {}

    /** {@link #normalizeAndCheck} for many people in one statement; element i answers person i. */
    public List<Normalized> normalizeAndCheckAll(Tx tx, List<Person> people) {
        if (people.isEmpty()) return List.of();
        return tx.handle().createQuery("""
                        WITH n AS (SELECT i, p_email, p_phone,
                                          coalesce(search_normalize(p_name), '') AS name,
                                          coalesce(search_normalize(p_line1), '') AS line1,
                                          coalesce(search_normalize(p_zip), '') AS zip
                                   FROM unnest(:emails, :phones, :names, :line1s, :zips)
                                       WITH ORDINALITY AS p(p_email, p_phone, p_name, p_line1, p_zip, i))
                        SELECT n.name, n.line1, n.zip,
                               ARRAY(SELECT kind FROM match_blocklist WHERE tenant_id = :tenant
                                     AND ((kind = 'email' AND value = n.p_email) OR (kind = 'phone' AND value = n.p_phone)
                                          OR (kind = 'name' AND value = n.name))) AS blocked
                        FROM n ORDER BY n.i""")
                .bind("tenant", tx.tenant().value())
                .bindArray("emails", String.class, people.stream().map(Person::email).toList())
                .bindArray("phones", String.class, people.stream().map(Person::phone).toList())
                .bindArray("names", String.class, people.stream().map(p -> squeezed(p.name())).toList())
                .bindArray("line1s", String.class, people.stream().map(p -> squeezed(p.line1())).toList())
                .bindArray("zips", String.class, people.stream().map(p -> squeezed(p.zip())).toList())
                .map((rs, ctx) -> new Normalized(rs.getString("name"), rs.getString("line1"), rs.getString("zip"),
                        Set.of((String[]) rs.getArray("blocked").getArray())))
                .list();
    }

    private static String squeezed(String text) {
        return text == null || text.isBlank() ? null : text.strip().replaceAll("\\s+", " ");
    }

    /** True when the value was not blocked yet. */
    public boolean block(Tx tx, String kind, String value) {
        return tx.handle().createUpdate("""
                        INSERT INTO match_blocklist (tenant_id, kind, value, created_at) VALUES (:tenant, :kind, :value, :now)
                        ON CONFLICT DO NOTHING""")
                .bind("tenant", tx.tenant().value()).bind("kind", kind).bind("value", value).bind("now", tx.now())
                .execute() == 1;
    }

    public boolean unblock(Tx tx, String kind, String value) {
        return tx.handle().createUpdate("DELETE FROM match_blocklist WHERE tenant_id = :tenant AND kind = :kind AND value = :value")
                .bind("tenant", tx.tenant().value()).bind("kind", kind).bind("value", value)
                .execute() == 1;
    }

    public List<BlockedValue> blocklist(Tx tx) {
        return tx.handle().createQuery("SELECT kind, value, created_at FROM match_blocklist WHERE tenant_id = :tenant ORDER BY kind, value")
                .bind("tenant", tx.tenant().value())
                .map((rs, ctx) -> new BlockedValue(rs.getString(1), rs.getString(2),
                        rs.getObject(3, OffsetDateTime.class).toInstant()))
                .list();
    }

    public void suggest(Tx tx, String customerId, String duplicateOf, int confidence, List<String> keys) {
        tx.handle().createUpdate("""
                        INSERT INTO suggested_duplicate (tenant_id, customer_id, duplicate_of, confidence, matched_keys, created_at)
                        VALUES (:tenant, :customer, :of, :confidence, :keys, :now) ON CONFLICT DO NOTHING""")
                .bind("tenant", tx.tenant().value()).bind("customer", customerId).bind("of", duplicateOf)
                .bind("confidence", confidence).bind("keys", keys.toArray(String[]::new)).bind("now", tx.now())
                .execute();
    }

    /** {@link #suggest} for many pairs in one batch. */
    public void suggestAll(Tx tx, List<Suggestion> suggestions) {
        if (suggestions.isEmpty()) return;
        org.jdbi.v3.core.statement.PreparedBatch batch = tx.handle().prepareBatch("""
                INSERT INTO suggested_duplicate (tenant_id, customer_id, duplicate_of, confidence, matched_keys, created_at)
                VALUES (:tenant, :customer, :of, :confidence, :keys, :now) ON CONFLICT DO NOTHING""");
        for (Suggestion s : suggestions) {
            batch.bind("tenant", tx.tenant().value()).bind("customer", s.customerId()).bind("of", s.duplicateOf())
                    .bind("confidence", s.confidence()).bind("keys", s.matchedKeys().toArray(String[]::new)).bind("now", tx.now())
                    .add();
        }
        batch.execute();
    }

    /**
     * Evidence of duplicate pairs across the tenant, live customers only, one row per pair and key: a
     * shared email (100), a shared phone (90), and the suggestions recorded at creation ({@code stored}). At most
     * {@code limit} rows, strongest first; the caller combines a pair's rows.
     */
    public List<Suggestion> pairEvidence(Tx tx, int limit) {
        return tx.handle().createQuery("""
                        WITH live AS (
                            SELECT id, email_normalized, phone_e164 FROM customer WHERE tenant_id = :tenant AND deleted_at IS NULL),
                        blocked AS (SELECT kind, value FROM match_blocklist WHERE tenant_id = :tenant)
                        SELECT a.id AS customer_id, b.id AS duplicate_of, 100 AS confidence, ARRAY['email'] AS keys,
                               false AS stored
                        FROM live a JOIN live b ON a.email_normalized = b.email_normalized AND a.id > b.id
                        WHERE a.email_normalized NOT IN (SELECT value FROM blocked WHERE kind = 'email')
                        UNION ALL
                        SELECT a.id, b.id, 90, ARRAY['phone'], false
                        FROM live a JOIN live b ON a.phone_e164 = b.phone_e164 AND a.id > b.id
                        WHERE a.phone_e164 NOT IN (SELECT value FROM blocked WHERE kind = 'phone')
                        UNION ALL
                        SELECT s.customer_id, s.duplicate_of, s.confidence, s.matched_keys, true
                        FROM suggested_duplicate s
                        JOIN live a ON a.id = s.customer_id JOIN live b ON b.id = s.duplicate_of
                        WHERE s.tenant_id = :tenant
                        ORDER BY confidence DESC, customer_id, duplicate_of
                        LIMIT :limit""")
                .bind("tenant", tx.tenant().value())
                .bind("limit", limit)
                .map((rs, ctx) -> new Suggestion(rs.getString("customer_id"), rs.getString("duplicate_of"),
                        rs.getInt("confidence"), List.of((String[]) rs.getArray("keys").getArray()), rs.getBoolean("stored")))
                .list();
    }

    /** Where the report's name pairs stand: a block (surname's and first name's soundex) and a pair in it. */
    public record NameKey(String lastSound, String firstSound, String customerId, String duplicateOf) {
        public static final NameKey START = new NameKey("", "", "", "");
    }

    /** Two live customers of one block with similar names, and what else they share. */
    public record NamePair(NameKey key, double nameSimilarity, boolean address) {}

    private static final String LIVE_NAMED = """
            tenant_id = :tenant AND deleted_at IS NULL AND first_name IS NOT NULL AND last_name IS NOT NULL""";
    private static final String BLOCK = "soundex(search_normalize(last_name)), soundex(search_normalize(first_name))";

    /**
     * The next blocks holding two or more live customers, from {@code from} (inclusive or not) in order, at most
     * {@code max}; each as a key without ids. Walks the customer_name_sound index.
     */
    public List<NameKey> nameBlocks(Tx tx, NameKey from, boolean inclusive, int max) {
        return tx.handle().createQuery("SELECT " + BLOCK + " FROM customer WHERE " + LIVE_NAMED
                        + " AND (" + BLOCK + ") " + (inclusive ? ">=" : ">") + " (:last, :first)"
                        + " GROUP BY 1, 2 HAVING count(*) > 1 ORDER BY 1, 2 LIMIT :max")
                .bind("tenant", tx.tenant().value())
                .bind("last", from.lastSound())
                .bind("first", from.firstSound())
                .bind("max", max)
                .map((rs, ctx) -> new NameKey(rs.getString(1), rs.getString(2), "", ""))
                .list();
    }

    /**
     * Pairs of live customers in the blocks from {@code after}'s up to {@code upTo}'s (inclusive) whose
     * normalised names have a trigram similarity of at least {@code minSimilarity}, after {@code after}, in
     * key order, at most {@code limit}. Left out: a blocklisted name, and pairs the report lists already by
     * a shared email or phone (not blocklisted) or by a suggestion stored at creation.
     */
    public List<NamePair> namePairs(Tx tx, NameKey after, NameKey upTo, double minSimilarity, int limit) {
        return tx.handle().createQuery("""
                        WITH m AS MATERIALIZED (
                            SELECT id, soundex(search_normalize(last_name)) AS l, soundex(search_normalize(first_name)) AS f,
                                   search_normalize(first_name, last_name) AS name, email_normalized AS email,
                                   phone_e164 AS phone, coalesce(search_normalize(zip), '') AS zip,
                                   coalesce(search_normalize(address_line1), '') AS line1
                            FROM customer
                            WHERE""" + " " + LIVE_NAMED + " AND (" + BLOCK + ") >= (:last, :first) AND (" + BLOCK + """
                        ) <= (:toLast, :toFirst)),
                        blocked AS (SELECT kind, value FROM match_blocklist WHERE tenant_id = :tenant)
                        SELECT a.l, a.f, a.id AS a_id, b.id AS b_id, similarity(a.name, b.name) AS similarity,
                               (a.zip <> '' AND a.zip = b.zip) OR (a.line1 <> '' AND a.line1 = b.line1) AS address
                        FROM m a JOIN m b ON b.l = a.l AND b.f = a.f AND b.id > a.id
                        WHERE (a.l, a.f, a.id, b.id) > (:last, :first, :a, :b)
                          AND similarity(a.name, b.name) >= :nameMatch
                          AND a.name NOT IN (SELECT value FROM blocked WHERE kind = 'name')
                          AND b.name NOT IN (SELECT value FROM blocked WHERE kind = 'name')
                          AND NOT coalesce(a.email = b.email AND a.email NOT IN (SELECT value FROM blocked WHERE kind = 'email'), false)
                          AND NOT coalesce(a.phone = b.phone AND a.phone NOT IN (SELECT value FROM blocked WHERE kind = 'phone'), false)
                          AND NOT EXISTS (SELECT 1 FROM suggested_duplicate s WHERE s.tenant_id = :tenant
                                AND ((s.customer_id = a.id AND s.duplicate_of = b.id) OR (s.customer_id = b.id AND s.duplicate_of = a.id)))
                        ORDER BY 1, 2, 3, 4
                        LIMIT :limit""")
                .bind("tenant", tx.tenant().value())
                .bind("last", after.lastSound())
                .bind("first", after.firstSound())
                .bind("a", after.customerId())
                .bind("b", after.duplicateOf())
                .bind("toLast", upTo.lastSound())
                .bind("toFirst", upTo.firstSound())
                .bind("nameMatch", Math.max(NAME_MATCH, minSimilarity))
                .bind("limit", limit)
                .map((rs, ctx) -> new NamePair(new NameKey(rs.getString("l"), rs.getString("f"), rs.getString("a_id"),
                        rs.getString("b_id")), rs.getDouble("similarity"), rs.getBoolean("address")))
                .list();
    }
}
