-- A sale's lines by sale: GetSale and the lifetime value rebuild's "has an upsell line" look them up so.
CREATE INDEX product_sale_by_sale ON product_sale (tenant_id, sale_id);
