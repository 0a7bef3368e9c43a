-- The duplicate report's name pairs (GetDuplicateCustomerReport) compare names only within a block of
-- customers whose surname and first name sound alike (soundex of each, accents and case ignored), so
-- the work is the sum of the blocks' squares rather than the tenant's square. This index walks the
-- blocks in order, a page at a time. Customers without a first or last name have no block.
CREATE INDEX customer_name_sound ON customer (tenant_id, soundex(search_normalize(last_name)),
        soundex(search_normalize(first_name)), id)
    WHERE deleted_at IS NULL AND first_name IS NOT NULL AND last_name IS NOT NULL;
