-- Customer group evaluation (issue 5): the third_party_shop filter finds customers by the shop of their
-- successful sales (commerce's CommerceFacts.LINKS); campaigns already have sale_by_campaign.
CREATE INDEX sale_by_third_party_shop ON sale (tenant_id, third_party_shop_id) WHERE third_party_shop_id IS NOT NULL;

-- The hourly group sweep (GroupSweeper) finds the tenants with enabled rule-based groups as the owner, as the
-- audit sealer finds unsealed rows; it then evaluates each tenant's groups as the application role, under
-- row-level security.
CREATE POLICY group_sweeper ON customer_group FOR SELECT TO CURRENT_USER USING (true);
