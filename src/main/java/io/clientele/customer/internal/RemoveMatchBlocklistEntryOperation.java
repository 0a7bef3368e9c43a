package io.clientele.customer.internal;

import io.clientele.customer.CustomerMatcher;
import io.clientele.customer.internal.MatchBlocklistSchemas.Changed;
import io.clientele.customer.internal.MatchBlocklistSchemas.Entry;
import io.clientele.operation.Operation;
import io.clientele.operation.OperationSpec;
import io.clientele.operation.Outcome;
import io.clientele.platform.Tx;

public final class RemoveMatchBlocklistEntryOperation implements Operation<Entry> {
    private final CustomerMatcher matcher;
    private final OperationSpec<Entry> spec = OperationSpec.named("RemoveMatchBlocklistEntry")
            .loggedAs("match_blocklist", "remove")
            .writes()
            .description("Take an email, phone or name off the tenant's match blocklist, so it counts as matching evidence again.")
            .schemas(Entry.class, MatchBlocklistSchemas.entryInput("RemoveMatchBlocklistEntry input."),
                    MatchBlocklistSchemas.changedOutput("RemoveMatchBlocklistEntry output."));

    public RemoveMatchBlocklistEntryOperation(CustomerMatcher matcher) {
        this.matcher = matcher;
    }

    @Override
    public OperationSpec<Entry> spec() {
        return spec;
    }

    @Override
    public Outcome handle(Tx tx, Entry in) {
        boolean changed = matcher.unblock(tx, in.kind(), in.value());
        return Outcome.of(changed ? "Value unblocked." : "The value was not blocked.",
                new Changed(in.kind(), matcher.normalized(tx, in.kind(), in.value()), changed));
    }
}
