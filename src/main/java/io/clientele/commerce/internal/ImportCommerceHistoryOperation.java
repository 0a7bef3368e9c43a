package io.clientele.commerce.internal;

import static io.clientele.operation.Schemas.array;
import static io.clientele.operation.Schemas.enumOf;
import static io.clientele.operation.Schemas.id;
import static io.clientele.operation.Schemas.integer;
import static io.clientele.operation.Schemas.nonEmptyString;
import static io.clientele.operation.Schemas.nullable;
import static io.clientele.operation.Schemas.object;
import static io.clientele.operation.Schemas.string;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clientele.commerce.Sales;
import io.clientele.customer.CustomerDraft;
import io.clientele.operation.Operation;
import io.clientele.operation.OperationSpec;
import io.clientele.operation.Outcome;
import io.clientele.operation.Schemas;
import io.clientele.platform.Tx;
import java.util.List;

/** Many records of another shop system's history in one call and one transaction, idempotent by external_id. */
public final class ImportCommerceHistoryOperation implements Operation<ImportCommerceHistoryOperation.Input> {
    record Input(List<HistoryImport.Record> records) {}

    record Imported(int created, int unchanged, int matched, List<HistoryImport.Result> records) {}

    private final HistoryImport history;
    private final OperationSpec<Input> spec;

    public ImportCommerceHistoryOperation(HistoryImport history) {
        this.history = history;
        this.spec = OperationSpec.named("ImportCommerceHistory")
            .loggedAs("commerce_history", "import")
            .writes()
            .description("""
                    Load history from another shop system: up to %d records in one call, each holding exactly one of
                    customer (CreateCustomer's fields), sale (CreateSale's fields; name the customer by
                    customer_external_id, customer_id or customer), refund (of a sale named by sale_external_id or
                    sale_id), subscription (CreateSubscription's; a trial is one in status trial), subscription_renewal
                    (CreateSubscriptionRenewal's), shipping (CreateShipping's), chargeback (CreateChargeback's),
                    paypal_dispute (CreatePaypalDispute's) or fraud_detection (CreateFraudDetection's). Every record
                    carries your external_id, and may name an earlier record by our id (sale_id) or by the external id
                    you imported it with (sale_external_id, customer_external_id, subscription_external_id). Kinds are
                    applied in that order, each in the order sent, so a record may refer to one of an earlier kind in
                    the batch. A customer whose email a live customer (or an earlier customer of the batch) has is
                    matched to it, not created; weaker matches are created and recorded as suggested duplicates. All or
                    nothing: any problem rejects the whole batch, pointing at the record (/records/3/sale/...). Sending
                    a batch again writes nothing: each record answers unchanged; a different record under an
                    external_id already imported is a conflict. Lifetime values, events and the audit trail follow as
                    for the single-record operations."""
                    .formatted(HistoryImport.MAX_RECORDS))
            .schemas(Input.class,
                    object("ImportCommerceHistory input.")
                            .required("records", array(record(history), HistoryImport.MAX_RECORDS,
                                    "1 to " + HistoryImport.MAX_RECORDS + " records.").put("minItems", 1))
                            .build(),
                    object("ImportCommerceHistory output.")
                            .required("created", integer(0, HistoryImport.MAX_RECORDS, "Records created by this call."))
                            .required("unchanged", integer(0, HistoryImport.MAX_RECORDS, "Records imported before, unchanged."))
                            .required("matched", integer(0, HistoryImport.MAX_RECORDS, "Customers matched to an existing customer by email."))
                            .required("records", array(object("What happened to one record.")
                                    .required("index", integer(0, HistoryImport.MAX_RECORDS - 1, "Its position in records."))
                                    .required("kind", enumOf("Its kind.", HistoryImport.KINDS))
                                    .required("external_id", string(SaleSchemas.EXTERNAL_ID_LENGTH, "Your id of it."))
                                    .required("id", id("Its id here."))
                                    .required("outcome", enumOf("created, unchanged (imported before), or matched (a customer"
                                            + " found by email).", List.of("created", "unchanged", "matched")))
                                    .required("product_sale_ids", array(id("A product sale's id."), Sales.MAX_PRODUCT_SALES,
                                            "A sale's product sales, in the order sent; empty for other kinds."))
                                    .required("created_customer_id", nullable(id("For a sale whose customer this call created"
                                            + " from its contact details, that customer; otherwise null.")))
                                    .build(), HistoryImport.MAX_RECORDS, "One per record, in the order sent."))
                            .build());
    }

    private static ObjectNode externalId() {
        return nonEmptyString(SaleSchemas.EXTERNAL_ID_LENGTH, "Your id of the record, unique per kind; makes resending safe.");
    }

    private static ObjectNode record(HistoryImport history) {
        ObjectNode customer = CustomerDraft.jsonSchema("A customer, as CreateCustomer takes it, with your external_id.");
        ((ObjectNode) customer.path("properties")).set("external_id", externalId());
        required(customer).add("external_id");

        ObjectNode sale = CreateSaleOperation.input().put("description", "A sale, as CreateSale takes it; external_id is required.");
        ((ObjectNode) sale.path("properties")).set("customer_external_id",
                nonEmptyString(SaleSchemas.EXTERNAL_ID_LENGTH, "The external_id of a customer imported in this batch or before."));
        required(sale).add("external_id");

        ObjectNode refund = object("A refund of a sale imported in this batch or before (or named by sale_id).")
                .required("external_id", externalId())
                .property("sale_external_id", nonEmptyString(SaleSchemas.EXTERNAL_ID_LENGTH, "The external_id of the sale refunded."))
                .property("sale_id", id("The sale refunded, when it has no external_id."))
                .property("product_sale_position", integer(0, Sales.MAX_PRODUCT_SALES - 1,
                        "The refunded product sale's position in its sale (0 for the first); leave out to refund the sale."))
                .property("amount", Schemas.money("How much was given back; default: all that is left."))
                .property("reason", string(SaleSchemas.REASON_LENGTH, "Why, e.g. damaged in transit."))
                .property("transaction", SaleSchemas.gatewayResponse("The gateway's answer to the refund; records a sale transaction."))
                .build();

        Schemas.ObjectBuilder record = object("One record: exactly one of " + String.join(", ", HistoryImport.KINDS) + ".")
                .property("customer", customer)
                .property("sale", sale)
                .property("refund", refund);
        for (HistoryImport.LedgerKind kind : history.ledgerKinds()) record.property(kind.name(), ledgerKind(kind));
        return record.build()
                .put("minProperties", 1)
                .put("maxProperties", 1);
    }

    /**
     * The kind's single-record input with external_id, where each reference may also be made by the
     * external id of a record imported before (so our id is no longer required).
     */
    private static ObjectNode ledgerKind(HistoryImport.LedgerKind kind) {
        OperationSpec<?> single = kind.operation().spec();
        ObjectNode schema = single.inputSchema().deepCopy();
        schema.put("description", "As " + single.name() + " takes it, with your external_id.");
        ObjectNode properties = (ObjectNode) schema.path("properties");
        properties.set("external_id", externalId());
        ArrayNode required = required(schema);
        for (HistoryImport.Reference r : kind.references()) {
            for (int i = required.size() - 1; i >= 0; i--) if (required.get(i).asText().equals(r.idField())) required.remove(i);
            properties.set(r.externalIdField(), nonEmptyString(SaleSchemas.EXTERNAL_ID_LENGTH, "The external_id of the "
                    + r.kind() + ", imported in this batch or before; or send " + r.idField()
                    + (r.required() ? "." : ", or neither.")));
        }
        required.add("external_id");
        return schema;
    }

    private static ArrayNode required(ObjectNode schema) {
        return schema.has("required") ? (ArrayNode) schema.get("required") : schema.putArray("required");
    }

    @Override
    public OperationSpec<Input> spec() {
        return spec;
    }

    @Override
    public Outcome handle(Tx tx, Input input) {
        List<HistoryImport.Result> results = history.run(tx, input.records());
        int created = (int) results.stream().filter(r -> r.outcome().equals("created")).count();
        int unchanged = (int) results.stream().filter(r -> r.outcome().equals("unchanged")).count();
        int matched = results.size() - created - unchanged;
        String result = created == 0 && matched == 0 ? "Nothing new: all " + unchanged + " record(s) were imported before."
                : created + " record(s) created, " + matched + " customer(s) matched, " + unchanged + " unchanged.";
        return Outcome.of(result, new Imported(created, unchanged, matched, results));
    }
}
