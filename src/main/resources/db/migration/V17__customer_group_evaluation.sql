-- Customer group evaluation (issue 5): the third_party_shop filter finds customers by the shop of their
-- successful sales (commerce's CommerceFacts.LINKS); campaigns already have sale_by_campaign.
CREATE INDEX sale_by_third_party_shop ON sale (tenant_id, third_party_shop_id) WHERE third_party_shop_id IS NOT NULL;
