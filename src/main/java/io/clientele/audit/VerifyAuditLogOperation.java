package io.clientele.audit;

import static io.clientele.operation.Schemas.bool;
import static io.clientele.operation.Schemas.integer;
import static io.clientele.operation.Schemas.nullable;
import static io.clientele.operation.Schemas.object;
import static io.clientele.operation.Schemas.string;

import io.clientele.operation.Operation;
import io.clientele.operation.OperationSpec;
import io.clientele.operation.Outcome;
import io.clientele.platform.Tx;

public final class VerifyAuditLogOperation implements Operation<VerifyAuditLogOperation.Input> {
    record Input() {}

    record Verified(boolean intact, long sealedRows, long unsealedRows, Long firstBrokenPosition, String problem) {}

    private final AuditSealer sealer;
    private final OperationSpec<Input> spec = OperationSpec.named("VerifyAuditLog")
            .loggedAs("audit_log", "verify")
            .reads()
            .description("""
                    Check that the tenant's audit log has not been tampered with: seal any rows not yet in the chain,
                    then recompute the SHA-256 chain from the first row. intact is false when a row was changed,
                    removed or re-ordered, and first_broken_position and problem say where and what.""")
            .schemas(Input.class, object("VerifyAuditLog takes no input.").build(),
                    object("VerifyAuditLog output.")
                            .required("intact", bool("True when every row matches its hash and link."))
                            .required("sealed_rows", integer(0, Long.MAX_VALUE, "Rows checked."))
                            .required("unsealed_rows", integer(0, Long.MAX_VALUE, "Rows committed after sealing began."))
                            .required("first_broken_position", nullable(integer(1, Long.MAX_VALUE, "Where the chain breaks.")))
                            .required("problem", nullable(string(500, "What is wrong there.")))
                            .build());

    public VerifyAuditLogOperation(AuditSealer sealer) {
        this.sealer = sealer;
    }

    @Override
    public OperationSpec<Input> spec() {
        return spec;
    }

    @Override
    public Outcome handle(Tx tx, Input input) {
        ChainReport r = sealer.verify(tx.tenant());
        String result = r.intact()
                ? "Audit log intact: " + r.sealedRows() + " row(s) verified."
                : "Audit log BROKEN at chain position " + r.firstBrokenPosition() + ": " + r.problem();
        return Outcome.of(result, new Verified(r.intact(), r.sealedRows(), r.unsealedRows(), r.firstBrokenPosition(), r.problem()));
    }
}
