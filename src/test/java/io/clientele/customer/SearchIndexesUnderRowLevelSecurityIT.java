package io.clientele.customer;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.testing.TestDatabase;
import java.util.Map;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/**
 * The application role is subject to row-level security, which keeps a condition passing a column to a
 * function not marked LEAKPROOF out of index conditions: search and duplicate matching then scan whole
 * tenants (4 s per search at 200,000 customers). V20 marks the functions their indexed conditions use.
 */
class SearchIndexesUnderRowLevelSecurityIT {
    private final Jdbi app = TestDatabase.get().jdbi();

    @Test
    void everyFunctionAnIndexedSearchConditionPassesAColumnToIsLeakproof() {
        Map<String, Boolean> leakproof = app.withHandle(h -> h.createQuery("""
                        SELECT p.oid::regprocedure::text AS function, p.proleakproof FROM pg_proc p
                        WHERE p.oid IN ('word_similarity_op(text,text)'::regprocedure,
                                        'word_similarity_commutator_op(text,text)'::regprocedure,
                                        'arraycontains(anyarray,anyarray)'::regprocedure,
                                        'arrayoverlap(anyarray,anyarray)'::regprocedure,
                                        'textlike(text,text)'::regprocedure,
                                        'search_normalize(text[])'::regprocedure)""")
                .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getBoolean(2)))
                .stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));

        assertThat(leakproof).hasSize(6).allSatisfy((function, isLeakproof) -> assertThat(isLeakproof).as(function).isTrue());
    }
}
