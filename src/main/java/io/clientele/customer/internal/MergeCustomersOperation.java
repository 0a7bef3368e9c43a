package io.clientele.customer.internal;

import static io.clientele.operation.Schemas.array;
import static io.clientele.operation.Schemas.bool;
import static io.clientele.operation.Schemas.enumOf;
import static io.clientele.operation.Schemas.id;
import static io.clientele.operation.Schemas.integer;
import static io.clientele.operation.Schemas.nullable;
import static io.clientele.operation.Schemas.object;
import static io.clientele.operation.Schemas.string;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clientele.customer.Customer;
import io.clientele.customer.Customers;
import io.clientele.operation.Operation;
import io.clientele.operation.OperationSpec;
import io.clientele.operation.Outcome;
import io.clientele.operation.Schemas;
import io.clientele.platform.Tx;
import java.util.List;
import java.util.Map;

/** {@code MergeCustomers}: two records of one person become one. */
public final class MergeCustomersOperation implements Operation<MergeCustomersOperation.Input> {
    record Input(String primaryCustomerId, String secondaryCustomerId, Map<String, String> fieldChoices, Boolean dryRun) {}

    record Merged(String customerId, String mergeId, boolean dryRun, Customer customer, Map<String, Long> moved,
                  List<String> changedFields, Map<String, String> fieldChoices) {}

    private static final List<String> SIDES = List.of("primary", "secondary");

    private final Customers customers;
    private final OperationSpec<Input> spec;

    public MergeCustomersOperation(Customers customers) {
        this.customers = customers;
        Schemas.ObjectBuilder choices = object("Which customer's value wins, per field; any field left out keeps the"
                + " primary's value, or the secondary's when the primary has none.");
        Customers.MERGE_FIELDS.forEach(f -> choices.property(f, enumOf("primary or secondary.", SIDES)));
        this.spec = OperationSpec.named("MergeCustomers")
                .loggedAs("customer", "merge")
                .destroys()
                .description("""
                        Merge the secondary customer into the primary when both are the same person (see
                        FindDuplicateCustomers). Every record of the secondary moves to the primary: notes, its
                        metadata (when both have a metadata name, the primary's value is kept), sales, product
                        sales, transactions, refunds, chargebacks, disputes, fraud detections, shipments,
                        subscriptions and renewals; lifetime values are recomputed. Each field keeps the
                        primary's value unless field_choices names "secondary" for it, or the primary has none;
                        tags are combined. The secondary is soft-deleted and remembers the primary: GetCustomer on
                        its old id answers the primary with a warning. The merge is logged and audited and emits
                        customer.merged only; the moved records' events are not fired again, so automation does
                        not repeat. It cannot be undone: send dry_run true first to see what would move and
                        change, without writing anything.""")
                .schemas(Input.class,
                        object("MergeCustomers input.")
                                .required("primary_customer_id", id("The customer that stays."))
                                .required("secondary_customer_id", id("The customer merged into it, then soft-deleted."))
                                .property("field_choices", choices.build())
                                .property("dry_run", bool("Report what would happen and write nothing (default false)."))
                                .build(),
                        object("MergeCustomers output.")
                                .required("customer_id", id("The primary's id."))
                                .required("merge_id", nullable(id("The merge's id in the merge log; null in a dry run.")))
                                .required("dry_run", bool("True when nothing was written."))
                                .required("customer", CustomerSchemas.customer())
                                .required("moved", mapOf("Records moved to the primary (or that would be), by kind,"
                                        + " e.g. {\"sale\": 3, \"note\": 2}.", integer(0, Long.MAX_VALUE, "How many.")))
                                .required("changed_fields", array(string(40, "A field of the primary that changed."), 20,
                                        "The primary's fields the merge changed (or would)."))
                                .required("field_choices", mapOf("Which side each field came from, as applied.",
                                        enumOf("primary or secondary.", SIDES)))
                                .build());
    }

    /** An output object whose keys vary (record kinds, field names) and whose values share one schema. */
    private static ObjectNode mapOf(String description, ObjectNode values) {
        ObjectNode map = object(description).build();
        map.set("additionalProperties", values);
        return map;
    }

    @Override
    public OperationSpec<Input> spec() {
        return spec;
    }

    @Override
    public Outcome handle(Tx tx, Input in) {
        boolean dryRun = Boolean.TRUE.equals(in.dryRun());
        Customers.MergeResult r = customers.merge(tx, in.primaryCustomerId(), in.secondaryCustomerId(),
                in.fieldChoices() == null ? Map.of() : in.fieldChoices(), dryRun);
        long records = r.moved().values().stream().mapToLong(Long::longValue).sum();
        String result = (dryRun ? "Dry run: the merge would move " : "Customers merged; moved ") + records + " record(s)"
                + (r.changedFields().isEmpty() ? "." : " and change " + String.join(", ", r.changedFields()) + ".");
        return Outcome.of(result, new Merged(r.primary().customerId(), r.mergeId(), dryRun, r.primary(), r.moved(),
                r.changedFields(), r.fieldChoices()));
    }
}
