-- The search and duplicate-matching GIN indexes again, two changes (measured on one tenant of 1,000,000
-- customers and of 100,000; BENCHMARKS.md):
--
-- 1. Without the tenant as a GIN key. Through btree_gin the tenant was a key whose posting tree lists every
--    customer of the tenant, and every scan read all of it to intersect it with the term's entries: 283 pages
--    for a soundex lookup finding 2 customers of a million, 800 to 930 for a trigram lookup finding 0 to 12
--    (55 ms). The tenant is checked on the rows the term's entries lead to; with many tenants sharing the
--    table those include other tenants' rows, which the trigram threshold and the sounds keep few. Every query
--    still names its tenant, and row-level security still applies.
-- 2. Without fast update. GIN's fast update appends new entries to a pending list that every scan reads in
--    full and compares with the term, until a vacuum (after a fifth of a big table was inserted) or an insert
--    that finds it over gin_pending_list_limit (4 MB) flushes it. After loading 100,000 customers the soundex
--    index's list held 11,496 entries, and a duplicate check finding one customer read 143 pages. Searches
--    and duplicate checks run far more often than customers are written: a write now pays for its own
--    entries at once, and no read pays for anyone's pending list.
--
-- Building these takes a while on a big table and holds writes to it meanwhile (at 1,000,000
-- customers on the shared two cores: 117 s, while a test suite ran beside it).
DROP INDEX customer_search_text;
DROP INDEX customer_search_sounds;
DROP INDEX customer_search_phone;
DROP INDEX metadata_search_value;

CREATE INDEX customer_search_text ON customer USING gin (search_text gin_trgm_ops)
    WITH (fastupdate = off) WHERE deleted_at IS NULL;
CREATE INDEX customer_search_sounds ON customer USING gin (search_sounds)
    WITH (fastupdate = off) WHERE deleted_at IS NULL;
CREATE INDEX customer_search_phone ON customer USING gin (search_phone gin_trgm_ops)
    WITH (fastupdate = off) WHERE deleted_at IS NULL;
CREATE INDEX metadata_search_value ON metadata USING gin (search_normalize(value) gin_trgm_ops)
    WITH (fastupdate = off) WHERE item_type = 'customer';
