-- A term with digits that is exactly a customer's metadata value (a loyalty number, an order reference, an
-- affiliate id) is found by this btree instead of the trigram indexes. Its digit trigrams are shared by
-- most such values ("LY-64196286" has six trigrams every loyalty number has), so the trigram branches
-- fetched and rechecked thousands of rows: 15 ms of PostgreSQL per search at 1,000,000 customers with 5%
-- holding metadata (BENCHMARKS.md, 2026-11-23 18:44 UTC). SearchStore skips the trigram branches when
-- this index finds the value.
CREATE INDEX metadata_value_exact ON metadata (tenant_id, search_normalize(value)) WHERE item_type = 'customer';
