package io.clientele.audit;

import static io.clientele.operation.Schemas.array;
import static io.clientele.operation.Schemas.enumOf;
import static io.clientele.operation.Schemas.freeFormObject;
import static io.clientele.operation.Schemas.id;
import static io.clientele.operation.Schemas.integer;
import static io.clientele.operation.Schemas.nullable;
import static io.clientele.operation.Schemas.object;
import static io.clientele.operation.Schemas.string;
import static io.clientele.operation.Schemas.timestamp;

import io.clientele.operation.Operation;
import io.clientele.operation.OperationSpec;
import io.clientele.operation.Outcome;
import io.clientele.platform.Problem;
import io.clientele.platform.Tx;
import java.util.List;
import java.util.Objects;

public final class GetAuditLogOperation implements Operation<GetAuditLogOperation.Input> {
    record Input(String itemType, String itemId, Long afterAuditId, Integer limit) {}

    record Page(String itemType, String itemId, List<AuditEntry> entries, Long nextAfterAuditId) {}

    private final AuditLog audit;
    private final OperationSpec<Input> spec;

    public GetAuditLogOperation(AuditLog audit, List<String> itemTypes) {
        this.audit = audit;
        this.spec = OperationSpec.named("GetAuditLog")
                .loggedAs("audit_log", "get")
                .reads()
                .description("""
                        The audit trail of one item, oldest first: every change with the full before and after, the
                        actor (kind and id), the caller's IP and user agent, the api_call_id and the time. Rows are
                        immutable; hash and chain_position show the row's place in the tenant's tamper-evident chain
                        (null for a moment after the write, until it is sealed). Deleted customers keep their trail.""")
                .schemas(Input.class,
                        object("GetAuditLog input.")
                                .required("item_type", enumOf("The kind of item.", itemTypes))
                                .required("item_id", id("The item's id."))
                                .property("after_audit_id", integer(0, Long.MAX_VALUE, "Return rows after this audit_id."))
                                .property("limit", integer(1, 500, "Page size, default 100."))
                                .build(),
                        object("GetAuditLog output.")
                                .required("item_type", string(40, "Item type."))
                                .required("item_id", id("Item id."))
                                .required("entries", array(object("An audit row.")
                                        .required("audit_id", integer(1, Long.MAX_VALUE, "Row id."))
                                        .required("item_type", string(40, "Item type."))
                                        .required("item_id", id("Item id."))
                                        .required("action", string(60, "create, update, delete, restore, metadata.insert, ..."))
                                        .required("before", nullable(freeFormObject("State before (null for a create).")))
                                        .required("after", nullable(freeFormObject("State after (null for a removal).")))
                                        .required("actor_kind", string(40, "Who."))
                                        .required("actor_id", nullable(string(100, "Actor id.")))
                                        .required("api_call_id", nullable(string(20, "The call that made the change.")))
                                        .required("ip", nullable(string(100, "Caller IP.")))
                                        .required("user_agent", nullable(string(512, "Caller user agent.")))
                                        .required("created_at", timestamp("When."))
                                        .required("chain_position", nullable(integer(1, Long.MAX_VALUE, "Position in the tenant's chain.")))
                                        .required("hash", nullable(string(64, "SHA-256 of this row chained to the previous one.")))
                                        .build(), 500, "Rows, oldest first."))
                                .required("next_after_audit_id", nullable(integer(0, Long.MAX_VALUE, "Pass as after_audit_id for the next page.")))
                                .build());
    }

    @Override
    public OperationSpec<Input> spec() {
        return spec;
    }

    @Override
    public Outcome handle(Tx tx, Input input) {
        int limit = Objects.requireNonNullElse(input.limit(), 100);
        long after = Objects.requireNonNullElse(input.afterAuditId(), 0L);
        List<AuditEntry> rows = audit.forItem(tx, input.itemType(), input.itemId(), after, limit + 1);
        // Every item has at least its creation row, so an empty first page means no such item in this tenant.
        if (rows.isEmpty() && after == 0) throw Problem.notFound(input.itemType(), input.itemId(), "/item_id");
        Long next = null;
        if (rows.size() > limit) {
            rows = rows.subList(0, limit);
            next = rows.get(limit - 1).auditId();
        }
        return Outcome.of(rows.size() + " audit entr" + (rows.size() == 1 ? "y." : "ies."),
                new Page(input.itemType(), input.itemId(), rows, next));
    }
}
