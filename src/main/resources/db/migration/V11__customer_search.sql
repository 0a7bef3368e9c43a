-- Customer search (SearchCustomers): trigram matching on normalised, accent-free text, always within a
-- tenant (tenant_id leads every index, through btree_gin from V1). pg_trgm, unaccent and fuzzystrmatch
-- are trusted extensions, so a database owner without superuser may create them.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE EXTENSION IF NOT EXISTS fuzzystrmatch;

-- unaccent() is only STABLE (its dictionary could change), and so are concat_ws and array_to_string (for
-- arbitrary types); for text with a pinned dictionary they are immutable, which generated columns and
-- indexes need. search_normalize joins its non-null parts with spaces, lower-cased and without accents.
CREATE FUNCTION search_normalize(VARIADIC parts text[]) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, array_to_string(parts, ' '))) $$;

-- The soundex code of every word of the parts: "Smtih" and "Smith" both sound S530, where trigrams see
-- too little in common in short words with swapped letters.
CREATE FUNCTION search_sounds(VARIADIC parts text[]) RETURNS text[]
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    AS $$ SELECT coalesce(array_agg(DISTINCT soundex(word)), '{}')
          FROM unnest(regexp_split_to_array(search_normalize(VARIADIC parts), '[^a-z]+')) AS word
          WHERE length(word) >= 2 $$;

-- What a search term is matched against, kept by PostgreSQL whenever the row changes: names, company,
-- the email's local part only (a domain is shared by thousands of customers and drowns the signal),
-- internal id and address; apart, the phone's digits and the names' sounds. Three indexes to keep per write.
ALTER TABLE customer
    ADD COLUMN search_text text GENERATED ALWAYS AS (search_normalize(
        first_name, last_name, company, split_part(email_normalized, '@', 1), internal_id,
        address_line1, address_line2, city, state, zip)) STORED,
    ADD COLUMN search_phone text GENERATED ALWAYS AS (
        regexp_replace(coalesce(phone_e164, phone, ''), '[^0-9]', '', 'g')) STORED,
    ADD COLUMN search_sounds text[] GENERATED ALWAYS AS (search_sounds(first_name, last_name)) STORED;

CREATE INDEX customer_search_text ON customer USING gin (tenant_id, search_text gin_trgm_ops) WHERE deleted_at IS NULL;
CREATE INDEX customer_search_sounds ON customer USING gin (tenant_id, search_sounds) WHERE deleted_at IS NULL;
CREATE INDEX customer_search_phone ON customer USING gin (tenant_id, search_phone gin_trgm_ops) WHERE deleted_at IS NULL;

CREATE INDEX metadata_search_value ON metadata USING gin (tenant_id, search_normalize(value) gin_trgm_ops)
    WHERE item_type = 'customer';
