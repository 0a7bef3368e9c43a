package io.clientele.commerce.internal;

import io.clientele.commerce.Campaign;
import io.clientele.operation.Operation;
import io.clientele.operation.OperationSpec;
import io.clientele.operation.Outcome;
import io.clientele.platform.Ids;
import io.clientele.platform.Tx;
import java.util.List;

public final class UpsertCampaignOperation implements Operation<UpsertCampaignOperation.Input> {
    record Input(String campaignId, String name, String internalId, String description) {}

    record Upserted(String campaignId, String outcome, List<String> changedFields, Campaign campaign) {}

    private final Upserting upserting;
    private final CampaignStore campaigns;
    private final OperationSpec<Input> spec = OperationSpec.named("UpsertCampaign")
            .loggedAs("campaign", "upsert")
            .writes()
            .description("""
                    Create or update a marketing campaign that customers and sales are attributed to: name,
                    internal_id and description. With campaign_id, updates that campaign (not_found if it does not
                    exist). Without campaign_id but with an internal_id (e.g. your ad platform's campaign id),
                    updates the campaign that has that internal_id, or creates it if none has, so syncing twice does
                    not duplicate it. Without either, creates a campaign. On update, fields left out stay as they
                    are and an empty string clears internal_id or description. An internal_id already used by
                    another campaign is a conflict. Every change is audited (item type campaign). Answers with
                    campaign_id, outcome (created, updated or unchanged), changed_fields and the campaign.""")
            .schemas(Input.class,
                    CatalogueSchemas.upsertInput("UpsertCampaign", "campaign", "campaign")
                            .property("description", CatalogueSchemas.description("campaign"))
                            .build(),
                    CatalogueSchemas.upsertOutput("UpsertCampaign", "campaign", CatalogueSchemas.campaign()));

    public UpsertCampaignOperation(Upserting upserting, CampaignStore campaigns) {
        this.upserting = upserting;
        this.campaigns = campaigns;
    }

    @Override
    public OperationSpec<Input> spec() {
        return spec;
    }

    @Override
    public Outcome handle(Tx tx, Input in) {
        String name = Upserting.name(in.name());
        Upserting.Result<Campaign> r = upserting.upsert(tx, campaigns, in.campaignId(), Upserting.lookupKey(in.internalId()),
                before -> before == null
                        ? new Campaign(Ids.newId(), name, Upserting.pick(null, in.internalId()),
                                Upserting.pick(null, in.description()), tx.now(), tx.now())
                        : new Campaign(before.campaignId(), name, Upserting.pick(before.internalId(), in.internalId()),
                                Upserting.pick(before.description(), in.description()), before.createdAt(), tx.now()));
        Campaign c = r.item();
        return Outcome.of(Upserting.sentence("Campaign", r), new Upserted(c.campaignId(), r.outcome(), r.changedFields(), c));
    }
}
