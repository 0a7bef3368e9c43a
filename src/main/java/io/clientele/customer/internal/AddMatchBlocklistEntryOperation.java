package io.clientele.customer.internal;

import io.clientele.customer.CustomerMatcher;
import io.clientele.customer.internal.MatchBlocklistSchemas.Changed;
import io.clientele.customer.internal.MatchBlocklistSchemas.Entry;
import io.clientele.operation.Operation;
import io.clientele.operation.OperationSpec;
import io.clientele.operation.Outcome;
import io.clientele.platform.Tx;

public final class AddMatchBlocklistEntryOperation implements Operation<Entry> {
    private final CustomerMatcher matcher;
    private final OperationSpec<Entry> spec = OperationSpec.named("AddMatchBlocklistEntry")
            .loggedAs("match_blocklist", "add")
            .writes()
            .description("""
                    Put an email, phone or name on the tenant's match blocklist: a junk value many unrelated
                    customers share (test@test.com, 0000000000, "Test Customer") then never makes them match as
                    duplicates, in FindDuplicateCustomers, GetDuplicateCustomerReport and find-or-create.""")
            .schemas(Entry.class, MatchBlocklistSchemas.entryInput("AddMatchBlocklistEntry input."),
                    MatchBlocklistSchemas.changedOutput("AddMatchBlocklistEntry output."));

    public AddMatchBlocklistEntryOperation(CustomerMatcher matcher) {
        this.matcher = matcher;
    }

    @Override
    public OperationSpec<Entry> spec() {
        return spec;
    }

    @Override
    public Outcome handle(Tx tx, Entry in) {
        boolean changed = matcher.block(tx, in.kind(), in.value());
        return Outcome.of(changed ? "Value blocked from matching." : "The value was already blocked.",
                new Changed(in.kind(), matcher.normalized(tx, in.kind(), in.value()), changed));
    }
}
