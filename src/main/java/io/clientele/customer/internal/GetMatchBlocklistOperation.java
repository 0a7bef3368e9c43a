package io.clientele.customer.internal;

import static io.clientele.operation.Schemas.array;
import static io.clientele.operation.Schemas.enumOf;
import static io.clientele.operation.Schemas.object;
import static io.clientele.operation.Schemas.string;
import static io.clientele.operation.Schemas.timestamp;

import io.clientele.customer.CustomerMatcher;
import io.clientele.operation.Operation;
import io.clientele.operation.OperationSpec;
import io.clientele.operation.Outcome;
import io.clientele.platform.Tx;
import java.util.List;

public final class GetMatchBlocklistOperation implements Operation<GetMatchBlocklistOperation.Input> {
    record Input() {}

    record Listed(List<CustomerMatcher.BlockedValue> entries) {}

    private final CustomerMatcher matcher;
    private final OperationSpec<Input> spec = OperationSpec.named("GetMatchBlocklist")
            .loggedAs("match_blocklist", "list")
            .reads()
            .description("List the tenant's match blocklist: the values that never count as evidence that two customers are one.")
            .schemas(Input.class, object("GetMatchBlocklist input.").build(),
                    object("GetMatchBlocklist output.")
                            .required("entries", array(object("A blocked value.")
                                    .required("kind", enumOf("email, phone or name.", CustomerMatcher.KINDS))
                                    .required("value", string(254, "The value as matching compares it."))
                                    .required("created_at", timestamp("When it was blocked."))
                                    .build(), 10_000, "By kind, then value."))
                            .build());

    public GetMatchBlocklistOperation(CustomerMatcher matcher) {
        this.matcher = matcher;
    }

    @Override
    public OperationSpec<Input> spec() {
        return spec;
    }

    @Override
    public Outcome handle(Tx tx, Input in) {
        List<CustomerMatcher.BlockedValue> entries = matcher.blocklist(tx);
        return Outcome.of(entries.size() + " blocked value(s).", new Listed(entries));
    }
}
