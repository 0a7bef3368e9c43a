-- GIN's fast update appends new entries to a pending list instead of the index proper, and every scan of
-- the index reads the whole pending list and compares each entry with the term. The list is flushed only by
-- a vacuum (after a fifth of a big table was inserted) or when it reaches gin_pending_list_limit (4 MB): the
-- insert that crosses the limit pays for the flush. After loading 100,000 customers the soundex index's
-- pending list held 11,496 entries, and a duplicate check that finds one row read 143 pages (3.6 ms); the
-- metadata index's 3,426 pending values cost a search that found nothing 54 ms on a busy machine. Search and
-- duplicate checks run far more often than a customer is written, so writes pay for their index entries at
-- once and no read pays for anyone's pending list.
ALTER INDEX customer_search_text SET (fastupdate = off);
ALTER INDEX customer_search_sounds SET (fastupdate = off);
ALTER INDEX customer_search_phone SET (fastupdate = off);
ALTER INDEX metadata_search_value SET (fastupdate = off);

-- Turning fast update off keeps what is pending where it is: move it into the indexes now.
SELECT gin_clean_pending_list('customer_search_text'::regclass);
SELECT gin_clean_pending_list('customer_search_sounds'::regclass);
SELECT gin_clean_pending_list('customer_search_phone'::regclass);
SELECT gin_clean_pending_list('metadata_search_value'::regclass);
