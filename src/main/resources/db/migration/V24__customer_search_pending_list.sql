-- V21 turned GIN fast update off on the search and duplicate-matching indexes, so no read scans a pending
-- list. That made every customer write insert its trigram and sound entries into the GIN trees one row at
-- a time: CreateCustomers fell from 1,723 to 845 customers/s (357 to 966 µs of PostgreSQL per customer,
-- 30,000 customers, same busy machine, 2026-11-23). Fast update is back on, with a pending list of 256 kB
-- instead of the default 4 MB: writes add to the list and it is merged into the trees in bulk whenever it
-- fills, and a search or duplicate check scans at most 32 pages of it (V21 measured 143 pages, at 4 MB,
-- for a duplicate check after a 100,000-customer load).
ALTER INDEX customer_search_text SET (fastupdate = on, gin_pending_list_limit = 256);
ALTER INDEX customer_search_sounds SET (fastupdate = on, gin_pending_list_limit = 256);
ALTER INDEX customer_search_phone SET (fastupdate = on, gin_pending_list_limit = 256);
ALTER INDEX metadata_search_value SET (fastupdate = on, gin_pending_list_limit = 256);
