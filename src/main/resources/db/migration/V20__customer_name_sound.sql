-- The duplicate report's name pairs (GetDuplicateCustomerReport) compare names only within a block of
-- customers whose surname and first name sound alike (soundex of each, accents and case ignored), so
-- the work is the sum of the blocks' squares rather than the tenant's square. This index walks the
-- blocks in order, a page at a time. Customers without a first or last name have no block.
CREATE INDEX customer_name_sound ON customer (tenant_id, soundex(search_normalize(last_name)),
        soundex(search_normalize(first_name)), id)
    WHERE deleted_at IS NULL AND first_name IS NOT NULL AND last_name IS NOT NULL;

-- Row-level security evaluates a condition that passes a column to a function not marked LEAKPROOF only
-- after the policy's check, so such a condition cannot be an index condition: for the application role
-- (not the owner) every trigram, soundex and phone condition of search and duplicate matching was a
-- sequential scan of the tenant (4 s per search at 200,000 customers; EXPLAIN as postgres showed the
-- indexes, which hid it). These functions raise no error that depends on a row's value and have no side
-- effects. Only a superuser may mark a function LEAKPROOF: the embedded database migrates as one; on an
-- external database whose owner is not, a superuser must run these statements once (ARCHITECTURE.md).
DO $$
BEGIN
    IF (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
        ALTER FUNCTION word_similarity_op(text, text) LEAKPROOF;
        ALTER FUNCTION word_similarity_commutator_op(text, text) LEAKPROOF;
        ALTER FUNCTION arraycontains(anyarray, anyarray) LEAKPROOF;
        ALTER FUNCTION arrayoverlap(anyarray, anyarray) LEAKPROOF;
        ALTER FUNCTION textlike(text, text) LEAKPROOF;
        ALTER FUNCTION search_normalize(text[]) LEAKPROOF;
    ELSE
        RAISE WARNING 'Not a superuser: customer search and duplicate matching will scan whole tenants until a superuser marks word_similarity_op, word_similarity_commutator_op, arraycontains, arrayoverlap, textlike and search_normalize LEAKPROOF (see V20__customer_name_sound.sql)';
    END IF;
END $$;
