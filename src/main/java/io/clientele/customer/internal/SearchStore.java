package io.clientele.customer.internal;

import io.clientele.customer.Customer;
import io.clientele.platform.Tx;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SQL of SearchCustomers: candidates from the indexes (the term as a word of the customer's searchable
 * text by trigrams, a name that sounds the same by soundex, the phone's digits as a suffix, the exact
 * email, or a metadata value), each field scored on its own so the answer can say what matched: a name
 * that only sounds like the term scores 0.6 (every word) or 0.3 (some), below any closer spelling. An
 * email that some customer has exactly is not matched by trigrams as well: the typo tolerance is for
 * when it is not found (and its trigram scan was most of such a search's time), and neither are metadata
 * values. Likewise a term with digits that is exactly some customer's metadata value (a loyalty number, an
 * order reference): found by a btree (V25), it is not looked for by trigrams, whose digit trigrams most such
 * values share. Nor is a term that looks like a phone (its digits are matched instead; an internal id made of
 * digits is matched exactly). A term with digits has no sounds: names have none, and "LY-64196286" sounded
 * like every Lee. Every query names the tenant; the btree indexes lead with it, the GIN indexes of the
 * term (V21) do not, since reading the tenant's posting tree was most of a search in a big tenant.
 */
public final class SearchStore {
    /** Below this, a field's similarity is not called a match. */
    static final double MATCH = 0.3;

    /**
     * pg_trgm's word similarity threshold for trigram candidates. At 0.3 a term like an email's local part
     * drew hundreds of customers per 100,000 (everyone sharing a first name), each rechecked and scored.
     * At 0.5 a first name with a misspelled surname still did ("salvador bekcer" is 0.56 to every Salvador):
     * for 60 such terms the median was 15 candidates per 100,000 customers but the 90th percentile 399, all
     * fetched and sorted before the closest 100 are kept, ten times that at a million. At 0.6: median 2,
     * 90th percentile 13. Typos that fall below (a quarter of those terms) are found by their sound instead.
     */
    static final double CANDIDATE = 0.6;

    /** Candidates taken from each way of matching, best first where the index can tell (or a page's worth more). */
    static final int PER_BRANCH = 100;

    /** A normalised search: the fuzzy text, the exact email when one was typed, the phone digits when phone-like. */
    /** {@code membersOfGroup}: the group scope's SQL when narrowing to {@code customerGroupId}'s members, else null. */
    record Query(String text, String raw, String exactEmail, String phoneDigits, String status, String lifecycleStage,
                 String customerGroupId, String membersOfGroup) {}

    /** A candidate with its score per field (0 to 1) and its best-matching metadata entry. */
    record Hit(Customer customer, Map<String, Double> scores, String metadataName, String metadataValue) {
        double score() {
            return scores.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
        }
    }

    private static final List<String> FIELDS = List.of("name", "email", "phone", "company", "internal_id", "address", "metadata");

    List<Hit> search(Tx tx, Query q, int limit, int offset) {
        // A generic plan: this statement's custom plans took longer to make (2-3 ms, costing every trigram, LIKE and
        // soundex condition against the statistics) than most searches take to run, and the way each
        // branch finds its rows does not depend on the term (a branch the term does not need is skipped at run time).
        tx.handle().createQuery("""
                        SELECT set_config('pg_trgm.word_similarity_threshold', :threshold, true) AS threshold,
                               set_config('plan_cache_mode', 'force_generic_plan', true) AS plan_cache_mode""")
                .bind("threshold", Double.toString(CANDIDATE))
                .mapToMap()
                .one();
        // The filters apply inside every way of finding candidates, before its LIMIT: applied only to the
        // candidates found, a narrow filter (one group, blocked customers) would miss those ranked below the limit.
        String branchFilters = filters(q, "");
        String filters = filters(q, "c.");
        String customerFilters = branchFilters.isEmpty() ? ""
                : " AND item_id IN (SELECT id FROM customer WHERE tenant_id = :tenant AND deleted_at IS NULL" + branchFilters + ")";
        String sql = """
                WITH q AS MATERIALIZED (
                    SELECT CASE WHEN :email IS NULL AND :text !~ '[0-9]' THEN search_sounds(:text) ELSE '{}' END AS sounds,
                           EXISTS (SELECT 1 FROM customer WHERE tenant_id = :tenant AND deleted_at IS NULL
                                   AND email_normalized = :email)
                           OR (:text ~ '[0-9]' AND EXISTS (SELECT 1 FROM metadata WHERE tenant_id = :tenant
                                   AND item_type = 'customer' AND search_normalize(value) = search_normalize(:text))) AS exact),
                -- Planned apart (a CTE is planned for all its rows): under the branch's LIMIT a generic plan,
                -- which cannot see how few rows the digits match, took a scan of the whole tenant as cheaper.
                phone AS MATERIALIZED (
                    SELECT id FROM customer
                    WHERE tenant_id = :tenant AND deleted_at IS NULL/*filters*/ AND :digits <> '' AND search_phone LIKE '%' || :digits),
                candidate AS (
                    (SELECT id FROM customer
                     WHERE tenant_id = :tenant AND deleted_at IS NULL/*filters*/ AND :text <% search_text
                       AND NOT (SELECT exact FROM q) AND :digits = ''
                     ORDER BY :text <<-> search_text LIMIT :perBranch)
                    UNION
                    SELECT id FROM customer
                    WHERE tenant_id = :tenant AND deleted_at IS NULL/*filters*/ AND internal_id = :raw
                    UNION
                    (SELECT id FROM phone LIMIT :perBranch)
                    UNION
                    (SELECT id FROM customer
                     WHERE tenant_id = :tenant AND deleted_at IS NULL/*filters*/ AND search_sounds @> (SELECT sounds FROM q)
                       AND cardinality((SELECT sounds FROM q)) > 0
                     ORDER BY word_similarity(:text, /*bare name*/) DESC LIMIT :perBranch)
                    UNION
                    SELECT id FROM customer
                    WHERE tenant_id = :tenant AND deleted_at IS NULL/*filters*/ AND email_normalized = :email
                    UNION
                    (SELECT item_id FROM metadata
                     WHERE tenant_id = :tenant AND item_type = 'customer'/*customer filters*/ AND :text ~ '[0-9]'
                       AND search_normalize(value) = search_normalize(:text)
                     LIMIT :perBranch)
                    UNION
                    (SELECT item_id FROM metadata
                     WHERE tenant_id = :tenant AND item_type = 'customer'/*customer filters*/ AND :text <% search_normalize(value)
                       AND NOT (SELECT exact FROM q)
                     ORDER BY :text <<-> search_normalize(value) LIMIT :perBranch)
                ), scored AS (
                    SELECT c.*, m.name AS metadata_name, m.value AS metadata_value,
                           greatest(word_similarity(:text, /*name*/),
                                    CASE WHEN cardinality(q.sounds) = 0 THEN 0
                                         WHEN q.sounds <@ c.search_sounds THEN 0.6
                                         WHEN q.sounds && c.search_sounds THEN 0.3 ELSE 0 END) AS s_name,
                           CASE WHEN c.email_normalized = :email THEN 1
                                ELSE similarity(:text, /*email*/) END AS s_email,
                           CASE WHEN :digits <> '' AND c.search_phone LIKE '%' || :digits THEN 1 ELSE 0 END AS s_phone,
                           word_similarity(:text, /*company*/) AS s_company,
                           CASE WHEN /*internal id*/ = :text THEN 1
                                ELSE word_similarity(:text, /*internal id*/) END AS s_internal_id,
                           word_similarity(:text, /*address*/) AS s_address,
                           coalesce(m.score, 0) AS s_metadata
                    FROM customer c
                    JOIN candidate ON candidate.id = c.id
                    CROSS JOIN q
                    LEFT JOIN LATERAL (
                        SELECT name, value, word_similarity(:text, /*value*/) AS score
                        FROM metadata
                        WHERE tenant_id = c.tenant_id AND item_type = 'customer' AND item_id = c.id
                        ORDER BY 3 DESC, name LIMIT 1) m ON true
                    WHERE c.tenant_id = :tenant AND c.deleted_at IS NULL""" + filters + """

                )
                SELECT * FROM scored
                ORDER BY greatest(s_name, s_email, s_phone, s_company, s_internal_id, s_address, s_metadata) DESC,
                         (s_name + s_email + s_phone + s_company + s_internal_id + s_address + s_metadata) DESC, id
                LIMIT :limit OFFSET :offset""";
        sql = sql.replace("/*name*/", normalized("c.first_name", "c.last_name"))
                .replace("/*bare name*/", normalized("first_name", "last_name"))
                .replace("/*email*/", normalized("split_part(c.email_normalized, '@', 1)"))
                .replace("/*company*/", normalized("c.company"))
                .replace("/*internal id*/", normalized("c.internal_id"))
                .replace("/*address*/", normalized("c.address_line1", "c.address_line2", "c.city", "c.state", "c.zip"))
                .replace("/*value*/", normalized("value"));
        sql = sql.replace("/*filters*/", branchFilters).replace("/*customer filters*/", customerFilters);
        return tx.handle().createQuery(sql)
                .bind("tenant", tx.tenant().value())
                .bind("text", q.text())
                .bind("email", q.exactEmail())
                .bind("digits", q.phoneDigits())
                .bind("raw", q.raw())
                .bind("status", q.status())
                .bind("stage", q.lifecycleStage())
                .bind("customer_group_id", q.customerGroupId())
                .bind("limit", limit)
                .bind("offset", offset)
                .bind("perBranch", Math.max(PER_BRANCH, limit + offset))
                .map((rs, ctx) -> {
                    Map<String, Double> scores = new LinkedHashMap<>();
                    for (String field : FIELDS) scores.put(field, rs.getDouble("s_" + field));
                    return new Hit(CustomerStore.read(rs), scores, rs.getString("metadata_name"), rs.getString("metadata_value"));
                })
                .list();
    }

    /**
     * search_normalize of the columns, written out: the function is IMMUTABLE (its indexes need that) around the
     * STABLE unaccent, so PostgreSQL cannot inline it and runs it as a SQL function call per row and field,
     * three times the cost of the same expression in place; scoring a hundred candidates made seven such calls each.
     */
    static String normalized(String... columns) {
        return "lower(public.unaccent('public.unaccent'::regdictionary, concat_ws(' ', " + String.join(", ", columns) + ")))";
    }

    /** The status, stage and group conditions of the query on the customer table, its columns prefixed with {@code alias}. */
    private static String filters(Query q, String alias) {
        return (q.status() == null ? "" : " AND " + alias + "status = :status")
                + (q.lifecycleStage() == null ? "" : " AND " + alias + "lifecycle_stage = :stage")
                + (q.membersOfGroup() == null ? "" : " AND " + alias + "id IN (" + q.membersOfGroup() + ")");
    }

    /** Every customer's metadata for the customers of one page, by customer id. */
    Map<String, List<MetadataStore.Entry>> metadataOf(Tx tx, List<String> customerIds) {
        Map<String, List<MetadataStore.Entry>> out = new LinkedHashMap<>();
        customerIds.forEach(id -> out.put(id, new ArrayList<>()));
        if (customerIds.isEmpty()) return out;
        tx.handle().createQuery("""
                        SELECT item_id, name, value, updated_at FROM metadata
                        WHERE tenant_id = :tenant AND item_type = 'customer' AND item_id = ANY (CAST(:ids AS varchar[]))
                        ORDER BY item_id, name""")
                .bind("tenant", tx.tenant().value())
                .bind("ids", customerIds.toArray(String[]::new))
                .map((rs, ctx) -> Map.entry(rs.getString("item_id"), new MetadataStore.Entry(rs.getString("name"),
                        rs.getString("value"), rs.getObject("updated_at", java.time.OffsetDateTime.class).toInstant())))
                .forEach(e -> out.get(e.getKey()).add(e.getValue()));
        return out;
    }
}
