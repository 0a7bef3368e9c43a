package io.clientele.commerce.internal;

import io.clientele.operation.Paging;
import io.clientele.commerce.Campaign;
import io.clientele.operation.Operation;
import io.clientele.operation.OperationSpec;
import io.clientele.operation.Outcome;
import io.clientele.platform.Tx;
import java.util.List;

public final class GetCampaignsOperation implements Operation<GetCampaignsOperation.Input> {
    record Input(String internalId, String order, Integer limit, String cursor) {}

    record Page(List<Campaign> campaigns, String nextCursor) {}

    private final CampaignStore campaigns;
    private final OperationSpec<Input> spec = OperationSpec.named("GetCampaigns")
            .loggedAs("campaign", "list")
            .reads()
            .description("""
                    List the tenant's marketing campaigns, newest first by default, one page at a time. internal_id
                    finds the campaign with your own id for it (exact, case-sensitive). Pass next_cursor from a page
                    to get the next one, with the same filter and order; next_cursor is null on the last page.""")
            .schemas(Input.class,
                    CatalogueSchemas.listInput("GetCampaigns", "campaign").build(),
                    CatalogueSchemas.listOutput("GetCampaigns", "campaigns", CatalogueSchemas.campaign()));

    public GetCampaignsOperation(CampaignStore campaigns) {
        this.campaigns = campaigns;
    }

    @Override
    public OperationSpec<Input> spec() {
        return spec;
    }

    @Override
    public Outcome handle(Tx tx, Input in) {
        Paging paging = Paging.of(in.order(), in.cursor(), in.limit());
        Paging.Page<Campaign> page = paging.page(campaigns.list(tx, in.internalId(), paging),
                Campaign::createdAt, Campaign::campaignId);
        String result = page.items().isEmpty()
                ? "No campaigns match."
                : page.items().size() + " campaign(s) listed.";
        return Outcome.of(result, new Page(page.items(), page.nextCursor()));
    }
}
