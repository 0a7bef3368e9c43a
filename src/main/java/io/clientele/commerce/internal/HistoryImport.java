package io.clientele.commerce.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clientele.commerce.Disputes;
import io.clientele.commerce.GatewayResponse;
import io.clientele.commerce.NewSale;
import io.clientele.commerce.ProductSale;
import io.clientele.commerce.Sales;
import io.clientele.commerce.Shipments;
import io.clientele.commerce.Subscriptions;
import io.clientele.customer.Customer;
import io.clientele.customer.CustomerDraft;
import io.clientele.customer.Customers;
import io.clientele.operation.Operation;
import io.clientele.operation.Outcome;
import io.clientele.platform.ErrorType;
import io.clientele.platform.Json;
import io.clientele.platform.Problem;
import io.clientele.platform.Tx;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Loads a batch of another shop system's history in one transaction, all or nothing, through the same
 * services as the single-record operations (so lifetime values, events and the audit trail follow). Each
 * record carries the caller's {@code external_id}; a record imported before with the same content is
 * {@code unchanged}, with other content a conflict. Kinds are applied in {@link #KINDS} order, each in the
 * order sent, so a record may refer to one of an earlier kind in the same batch or an earlier call, by our
 * id ({@code sale_id}) or by the caller's ({@code sale_external_id}). Adding a kind that has a single-record
 * operation: a {@link LedgerKind} in {@link #ledgerKinds} (its name, its operation, the references it makes)
 * placed after the kinds it refers to, a field in {@link Record}, and docs/commerce.md "Importing history";
 * the record schema, the split and the phase follow from it.
 */
public final class HistoryImport {
    public static final int MAX_RECORDS = 500;
    static final List<String> KINDS = List.of("customer", "sale", "refund", "subscription", "subscription_renewal", "shipping",
            "chargeback", "paypal_dispute", "fraud_detection");

    /**
     * A record's reference to an earlier record of {@code kind}: by our id in {@code idField}, or by the
     * external id it was imported with in {@code externalIdField}; one of them when {@code required}.
     */
    public record Reference(String idField, String externalIdField, String kind, boolean required) {}

    /**
     * A kind imported through its single-record operation (its input + {@code external_id}, with each
     * reference's id also accepted as an external id), remembered in {@code imported_record}.
     */
    public record LedgerKind(String name, Operation<?> operation, List<Reference> references) {}

    /**
     * What happened to one record: {@code created}, {@code unchanged}, or {@code matched} (an existing customer
     * by email). A sale also answers its product sales' ids, and the customer it created from contact details.
     */
    public record Result(int index, String kind, String externalId, String id, String outcome, List<String> productSaleIds,
                         String createdCustomerId) {
        Result(int index, String kind, String externalId, String id, String outcome) {
            this(index, kind, externalId, id, outcome, List.of(), null);
        }
    }

    /** One record as sent: exactly one kind is set. */
    public record Record(ObjectNode customer, ObjectNode sale, ObjectNode refund, ObjectNode subscription,
                         ObjectNode subscriptionRenewal, ObjectNode shipping, ObjectNode chargeback, ObjectNode paypalDispute,
                         ObjectNode fraudDetection) {
        /** The kinds set, by name (in {@link #KINDS} spelling). */
        Map<String, ObjectNode> kinds() {
            Map<String, ObjectNode> set = new java.util.LinkedHashMap<>();
            ObjectNode[] bodies = {customer, sale, refund, subscription, subscriptionRenewal, shipping, chargeback, paypalDispute,
                    fraudDetection};
            for (int i = 0; i < bodies.length; i++) if (bodies[i] != null) set.put(KINDS.get(i), bodies[i]);
            return set;
        }
    }

    private final Customers customers;
    private final Sales sales;
    private final SaleStore saleStore;
    private final ImportedRecordStore ledger;
    private final List<LedgerKind> ledgerKinds;

    public HistoryImport(Customers customers, Sales sales, Subscriptions subscriptions, Shipments shipments, Disputes disputes,
                         SaleStore saleStore, ImportedRecordStore ledger) {
        this.customers = customers;
        this.sales = sales;
        this.saleStore = saleStore;
        this.ledger = ledger;
        Reference customer = new Reference("customer_id", "customer_external_id", "customer", true);
        Reference sale = new Reference("sale_id", "sale_external_id", "sale", true);
        this.ledgerKinds = List.of(
                new LedgerKind("subscription", new CreateSubscriptionOperation(subscriptions),
                        List.of(customer, optional(sale))),
                new LedgerKind("subscription_renewal", new CreateSubscriptionRenewalOperation(subscriptions),
                        List.of(new Reference("subscription_id", "subscription_external_id", "subscription", true))),
                new LedgerKind("shipping", new CreateShippingOperation(shipments), List.of(sale)),
                new LedgerKind("chargeback", new CreateChargebackOperation(disputes), List.of(sale)),
                new LedgerKind("paypal_dispute", new CreatePaypalDisputeOperation(disputes), List.of(sale)),
                new LedgerKind("fraud_detection", new CreateFraudDetectionOperation(disputes),
                        List.of(optional(customer), optional(sale))));
        if (!KINDS.subList(3, KINDS.size()).equals(ledgerKinds.stream().map(LedgerKind::name).toList())) {
            throw new IllegalStateException("KINDS must list the ledger kinds in their order");
        }
    }

    private static Reference optional(Reference r) {
        return new Reference(r.idField(), r.externalIdField(), r.kind(), false);
    }

    /** The kinds imported through their single-record operation, in the order they are applied. */
    public List<LedgerKind> ledgerKinds() {
        return ledgerKinds;
    }

    /** A record's position in the batch and its body. */
    private record Indexed(int index, ObjectNode body) {
        String externalId() {
            return body.path("external_id").asText();
        }
    }

    /** The batch split by kind, each in the order sent. */
    private record Batch(Map<String, List<Indexed>> byKind) {
        List<Indexed> of(String kind) {
            return byKind.getOrDefault(kind, List.of());
        }
    }

    public List<Result> run(Tx tx, List<Record> records) {
        Batch batch = split(records);
        Result[] results = new Result[records.size()];
        // kind -> external id -> our id, of the records this batch imported or replayed
        Map<String, Map<String, String>> imported = new HashMap<>();
        imported.put("customer", importCustomers(tx, batch.of("customer"), results));
        imported.put("sale", importSales(tx, batch.of("sale"), imported.get("customer"), results));
        importRefunds(tx, batch.of("refund"), imported.get("sale"), results);
        for (LedgerKind kind : ledgerKinds) {
            imported.put(kind.name(), importThrough(tx, kind, batch.of(kind.name()), imported, results));
        }
        return List.of(results);
    }

    private static Batch split(List<Record> records) {
        List<Problem.Detail> problems = new ArrayList<>();
        Map<String, List<Indexed>> byKind = new HashMap<>();
        Map<String, Set<String>> seen = new HashMap<>();
        for (int i = 0; i < records.size(); i++) {
            Map<String, ObjectNode> kinds = records.get(i).kinds();
            if (kinds.size() != 1) {
                problems.add(new Problem.Detail("/records/" + i, "a record holds exactly one of " + String.join(", ", KINDS)));
                continue;
            }
            String kind = kinds.keySet().iterator().next();
            Indexed in = new Indexed(i, kinds.get(kind));
            if (!seen.computeIfAbsent(kind, k -> new HashSet<>()).add(in.externalId())) {
                problems.add(new Problem.Detail("/records/" + i + "/" + kind + "/external_id", "'" + in.externalId()
                        + "' is the external_id of an earlier " + kind + " in this batch; each record needs its own"));
            }
            byKind.computeIfAbsent(kind, k -> new ArrayList<>()).add(in);
        }
        if (!problems.isEmpty()) throw Problem.validation(problems);
        return new Batch(byKind);
    }

    // ------------------------------------------------------------------ customers

    /**
     * Creates the new customers in one batch, as {@code CreateSale} does for a customer named by contact
     * details: one whose email a live customer has (or a customer earlier in this batch) is matched to it;
     * the others are created, and their likely duplicates (a similar name, the same phone) recorded as
     * suggestions. Answers the customer id of every external id of the batch.
     */
    private Map<String, String> importCustomers(Tx tx, List<Indexed> records, Result[] results) {
        Map<String, String> ids = new HashMap<>();
        if (records.isEmpty()) return ids;
        Map<String, ImportedRecordStore.Entry> known = ledger.find(tx, "customer",
                records.stream().map(Indexed::externalId).toList());
        List<Problem.Detail> conflicts = new ArrayList<>();
        List<Indexed> fresh = new ArrayList<>();
        List<CustomerDraft> freshDrafts = new ArrayList<>();
        for (Indexed in : records) {
            ImportedRecordStore.Entry earlier = known.get(in.externalId());
            if (earlier == null) {
                fresh.add(in);
                freshDrafts.add(convert(without(in.body(), "external_id"), CustomerDraft.class, in.index(), "customer"));
            } else if (!Arrays.equals(earlier.requestSha256(), sha256(in.body()))) {
                conflicts.add(differs(in, "customer", earlier.itemId()));
            } else {
                ids.put(in.externalId(), earlier.itemId());
                results[in.index()] = new Result(in.index(), "customer", in.externalId(), earlier.itemId(), "unchanged");
            }
        }
        if (!conflicts.isEmpty()) throw conflict(conflicts);
        Map<String, Customer> byEmail = customers.lockAndFindByEmails(tx, freshDrafts.stream().map(CustomerDraft::email).toList());
        List<Indexed> toCreate = new ArrayList<>();
        List<CustomerDraft> drafts = new ArrayList<>();
        Map<Indexed, Indexed> sameAsEarlier = new HashMap<>();
        Map<String, Indexed> creatingByEmail = new HashMap<>();
        List<ImportedRecordStore.Entry> entries = new ArrayList<>();
        for (int i = 0; i < fresh.size(); i++) {
            Indexed in = fresh.get(i);
            String email = Customers.emailKey(freshDrafts.get(i).email());
            Customer sameEmail = email == null ? null : byEmail.get(email);
            if (sameEmail != null) {
                matched(in, sameEmail.customerId(), ids, entries, results);
            } else if (email != null && creatingByEmail.containsKey(email)) {
                sameAsEarlier.put(in, creatingByEmail.get(email));
            } else {
                if (email != null) creatingByEmail.put(email, in);
                toCreate.add(in);
                drafts.add(freshDrafts.get(i));
            }
        }
        List<Customer> created;
        try {
            created = customers.createAll(tx, drafts);
        } catch (Problem p) {
            throw repointed(p, path -> {
                // createAll points at /customers/<n>/...; the n-th draft is the n-th record to create.
                String[] parts = path.split("/", 4);
                int n = Integer.parseInt(parts[2]);
                return "/records/" + toCreate.get(n).index() + "/customer" + (parts.length > 3 ? "/" + parts[3] : "");
            });
        }
        customers.suggestDuplicatesAll(tx, created);
        for (int n = 0; n < created.size(); n++) {
            Indexed in = toCreate.get(n);
            String id = created.get(n).customerId();
            ids.put(in.externalId(), id);
            entries.add(new ImportedRecordStore.Entry("customer", in.externalId(), id, sha256(in.body())));
            results[in.index()] = new Result(in.index(), "customer", in.externalId(), id, "created");
        }
        sameAsEarlier.forEach((in, first) -> matched(in, ids.get(first.externalId()), ids, entries, results));
        record(tx, entries);
        return ids;
    }

    private static void matched(Indexed in, String customerId, Map<String, String> ids, List<ImportedRecordStore.Entry> entries,
                                Result[] results) {
        ids.put(in.externalId(), customerId);
        entries.add(new ImportedRecordStore.Entry("customer", in.externalId(), customerId, sha256(in.body())));
        results[in.index()] = new Result(in.index(), "customer", in.externalId(), customerId, "matched");
    }

    // ------------------------------------------------------------------ sales

    /** Records the sales through {@link Sales#createAll}, whose own external_id replay makes a resent sale a no-op. */
    private Map<String, String> importSales(Tx tx, List<Indexed> records, Map<String, String> customerIds, Result[] results) {
        Map<String, String> ids = new HashMap<>();
        if (records.isEmpty()) return ids;
        List<String> referred = records.stream().map(in -> in.body().path("customer_external_id").asText(null))
                .filter(ext -> ext != null && !customerIds.containsKey(ext)).distinct().toList();
        Map<String, String> byExternalId = new HashMap<>(customerIds);
        ledger.find(tx, "customer", referred).forEach((ext, entry) -> byExternalId.put(ext, entry.itemId()));
        List<Problem.Detail> missing = new ArrayList<>();
        for (Indexed in : records) {
            String ext = in.body().path("customer_external_id").asText(null);
            if (ext != null && !byExternalId.containsKey(ext)) {
                missing.add(new Problem.Detail("/records/" + in.index() + "/sale/customer_external_id", "no customer was"
                        + " imported with external_id '" + ext + "'; import the customer first, in this batch or an earlier one"));
            }
        }
        if (!missing.isEmpty()) throw new Problem(ErrorType.NOT_FOUND, "A sale refers to a customer that was never imported.", missing);
        List<NewSale> sales = new ArrayList<>();
        for (Indexed in : records) {
            ObjectNode body = without(in.body(), "customer_external_id");
            String ext = in.body().path("customer_external_id").asText(null);
            if (ext != null) {
                if (body.has("customer_id") || body.has("customer")) {
                    throw Problem.validation("/records/" + in.index() + "/sale/customer_external_id",
                            "send one of customer_external_id, customer_id or customer");
                }
                body.put("customer_id", byExternalId.get(ext));
            }
            sales.add(convert(body, NewSale.class, in.index(), "sale"));
        }
        List<Sales.Recorded> recorded;
        try {
            recorded = this.sales.createAll(tx, sales);
        } catch (Sales.EntryProblem e) {
            throw repointed(e.problem(), path -> "/records/" + records.get(e.index()).index() + "/sale" + path);
        }
        for (int n = 0; n < records.size(); n++) {
            Indexed in = records.get(n);
            Sales.Recorded r = recorded.get(n);
            String saleId = r.details().sale().saleId();
            ids.put(in.externalId(), saleId);
            results[in.index()] = new Result(in.index(), "sale", in.externalId(), saleId, r.created() ? "created" : "unchanged",
                    r.details().productSales().stream().map(ProductSale::productSaleId).toList(),
                    r.customerCreated() ? r.details().sale().customerId() : null);
        }
        return ids;
    }

    // ------------------------------------------------------------------ refunds

    /**
     * Records the refunds through {@link Sales#refundAll}. A refund names its sale by id or by external id (of a
     * sale of this batch or an earlier one), and a product sale by its position in the sale.
     */
    private void importRefunds(Tx tx, List<Indexed> records, Map<String, String> saleIds, Result[] results) {
        if (records.isEmpty()) return;
        Map<String, ImportedRecordStore.Entry> known = ledger.find(tx, "refund", records.stream().map(Indexed::externalId).toList());
        List<Indexed> fresh = new ArrayList<>();
        List<Problem.Detail> conflicts = new ArrayList<>();
        for (Indexed in : records) {
            ImportedRecordStore.Entry earlier = known.get(in.externalId());
            if (earlier == null) {
                fresh.add(in);
            } else if (!Arrays.equals(earlier.requestSha256(), sha256(in.body()))) {
                conflicts.add(differs(in, "refund", earlier.itemId()));
            } else {
                results[in.index()] = new Result(in.index(), "refund", in.externalId(), earlier.itemId(), "unchanged");
            }
        }
        if (!conflicts.isEmpty()) throw conflict(conflicts);
        if (fresh.isEmpty()) return;

        List<String> elsewhere = fresh.stream().map(in -> in.body().path("sale_external_id").asText(null))
                .filter(ext -> ext != null && !saleIds.containsKey(ext)).distinct().toList();
        Map<String, String> saleByExternalId = new HashMap<>(saleIds);
        saleStore.findByExternalIds(tx, elsewhere).forEach((ext, row) -> saleByExternalId.put(ext, row.sale().saleId()));
        List<String> saleOf = new ArrayList<>();
        for (Indexed in : fresh) saleOf.add(saleOf(in.body(), saleByExternalId, "/records/" + in.index() + "/refund"));
        Map<String, List<String>> linesOf = productSaleIds(tx, fresh, saleOf, results);

        List<Sales.RefundRequest> requests = new ArrayList<>();
        for (int n = 0; n < fresh.size(); n++) {
            Indexed in = fresh.get(n);
            JsonNode b = in.body();
            String at = "/records/" + in.index() + "/refund";
            String productSaleId = null;
            List<String> lines = linesOf.get(saleOf.get(n));
            if (b.hasNonNull("product_sale_position") && lines != null) {
                int position = b.path("product_sale_position").asInt();
                if (position >= lines.size()) {
                    throw Problem.validation(at + "/product_sale_position", "the sale has " + lines.size()
                            + " product sale(s), so the position is 0 to " + (lines.size() - 1));
                }
                productSaleId = lines.get(position);
            }
            BigDecimal amount = b.hasNonNull("amount") ? b.path("amount").decimalValue() : null;
            GatewayResponse gateway = b.has("transaction") ? convert((ObjectNode) b.path("transaction"), GatewayResponse.class,
                    in.index(), "refund/transaction") : null;
            requests.add(new Sales.RefundRequest(saleOf.get(n), productSaleId, amount, b.path("reason").asText(null), gateway));
        }
        List<Sales.Refunded> refunded;
        try {
            refunded = sales.refundAll(tx, requests);
        } catch (Sales.EntryProblem e) {
            JsonNode b = fresh.get(e.index()).body();
            String at = "/records/" + fresh.get(e.index()).index() + "/refund";
            throw repointed(e.problem(), path -> at + (path.equals("/sale_id") ? b.has("sale_id") ? "/sale_id" : "/sale_external_id"
                    : path.equals("/product_sale_id") ? "/product_sale_position" : path));
        }
        List<ImportedRecordStore.Entry> entries = new ArrayList<>();
        for (int n = 0; n < fresh.size(); n++) {
            Indexed in = fresh.get(n);
            String refundId = refunded.get(n).refund().refundId();
            entries.add(new ImportedRecordStore.Entry("refund", in.externalId(), refundId, sha256(in.body())));
            results[in.index()] = new Result(in.index(), "refund", in.externalId(), refundId, "created");
        }
        record(tx, entries);
    }

    /** The sale a refund names, by our id or by external id (of this batch or an earlier one); not_found otherwise. */
    private static String saleOf(JsonNode refund, Map<String, String> saleByExternalId, String at) {
        boolean byId = refund.hasNonNull("sale_id");
        boolean byExternalId = refund.hasNonNull("sale_external_id");
        if (byId == byExternalId) {
            throw Problem.validation(at + "/sale_external_id", "send one of sale_external_id or sale_id");
        }
        if (byId) return refund.path("sale_id").asText();
        String ext = refund.path("sale_external_id").asText();
        String id = saleByExternalId.get(ext);
        if (id != null) return id;
        throw new Problem(ErrorType.NOT_FOUND, "No sale has external_id '" + ext + "'. Import the sale first, in this batch or"
                + " an earlier one.", List.of(new Problem.Detail(at + "/sale_external_id", "not found")));
    }

    /**
     * The product sale ids, in position order, of each sale a refund names by position: from this batch's
     * results for a sale it recorded, else read at once.
     */
    private Map<String, List<String>> productSaleIds(Tx tx, List<Indexed> refunds, List<String> saleOf, Result[] results) {
        Map<String, List<String>> lines = new HashMap<>();
        for (Result r : results) {
            if (r != null && r.kind().equals("sale")) lines.put(r.id(), r.productSaleIds());
        }
        List<String> unknown = new ArrayList<>();
        for (int n = 0; n < refunds.size(); n++) {
            if (refunds.get(n).body().hasNonNull("product_sale_position") && !lines.containsKey(saleOf.get(n))) {
                unknown.add(saleOf.get(n));
            }
        }
        saleStore.productSalesOfSales(tx, unknown).forEach((sale, rows) ->
                lines.put(sale, rows.stream().map(ProductSale::productSaleId).toList()));
        return lines;
    }

    // ------------------------------------------------------------------ kinds with a single-record operation

    /**
     * Imports each record through its kind's operation, as if sent alone with its references resolved to our
     * ids; answers the id of every external id of the batch. Replays and conflicts are found before anything
     * is written, and so are references to external ids never imported, all reported at once.
     */
    private Map<String, String> importThrough(Tx tx, LedgerKind kind, List<Indexed> records,
                                              Map<String, Map<String, String>> imported, Result[] results) {
        Map<String, String> ids = new HashMap<>();
        if (records.isEmpty()) return ids;
        String name = kind.name();
        Map<String, ImportedRecordStore.Entry> known = ledger.find(tx, name, records.stream().map(Indexed::externalId).toList());
        List<Problem.Detail> conflicts = new ArrayList<>();
        List<Indexed> fresh = new ArrayList<>();
        for (Indexed in : records) {
            ImportedRecordStore.Entry earlier = known.get(in.externalId());
            if (earlier == null) {
                fresh.add(in);
            } else if (!Arrays.equals(earlier.requestSha256(), sha256(in.body()))) {
                conflicts.add(differs(in, name, earlier.itemId()));
            } else {
                ids.put(in.externalId(), earlier.itemId());
                results[in.index()] = new Result(in.index(), name, in.externalId(), earlier.itemId(), "unchanged");
            }
        }
        if (!conflicts.isEmpty()) throw conflict(conflicts);
        List<ObjectNode> inputs = resolve(tx, kind, fresh, imported);
        List<ImportedRecordStore.Entry> entries = new ArrayList<>();
        for (int n = 0; n < fresh.size(); n++) {
            Indexed in = fresh.get(n);
            String at = "/records/" + in.index() + "/" + name;
            String id;
            try {
                id = create(tx, kind, inputs.get(n), in.index());
            } catch (Problem p) {
                throw repointed(p, path -> at + kind.references().stream()
                        .filter(r -> path.equals("/" + r.idField()) && in.body().has(r.externalIdField()))
                        .map(r -> "/" + r.externalIdField()).findFirst().orElse(path));
            }
            ids.put(in.externalId(), id);
            entries.add(new ImportedRecordStore.Entry(name, in.externalId(), id, sha256(in.body())));
            results[in.index()] = new Result(in.index(), name, in.externalId(), id, "created");
        }
        record(tx, entries);
        return ids;
    }

    /**
     * Each record as its operation's input: without external_id, each reference by external id replaced by
     * our id (of a record imported in this batch, else looked up: sales by their own external id, other
     * kinds in the ledger, one statement per kind).
     */
    private List<ObjectNode> resolve(Tx tx, LedgerKind kind, List<Indexed> records, Map<String, Map<String, String>> imported) {
        List<Problem.Detail> shape = new ArrayList<>();
        Map<String, Map<String, String>> known = new HashMap<>();
        for (Reference r : kind.references()) {
            Map<String, String> ids = new HashMap<>(imported.getOrDefault(r.kind(), Map.of()));
            List<String> elsewhere = records.stream().map(in -> in.body().path(r.externalIdField()).asText(null))
                    .filter(ext -> ext != null && !ids.containsKey(ext)).distinct().toList();
            if (r.kind().equals("sale")) {
                saleStore.findByExternalIds(tx, elsewhere).forEach((ext, row) -> ids.put(ext, row.sale().saleId()));
            } else {
                ledger.find(tx, r.kind(), elsewhere).forEach((ext, entry) -> ids.put(ext, entry.itemId()));
            }
            known.put(r.externalIdField(), ids);
        }
        List<Problem.Detail> missing = new ArrayList<>();
        List<ObjectNode> inputs = new ArrayList<>();
        for (Indexed in : records) {
            String at = "/records/" + in.index() + "/" + kind.name() + "/";
            ObjectNode input = without(in.body(), "external_id");
            for (Reference r : kind.references()) {
                boolean byId = in.body().has(r.idField());
                String ext = in.body().path(r.externalIdField()).asText(null);
                if (byId && ext != null) {
                    shape.add(new Problem.Detail(at + r.externalIdField(), "send one of " + r.externalIdField() + " or "
                            + r.idField() + ", not both"));
                } else if (!byId && ext == null && r.required()) {
                    shape.add(new Problem.Detail(at + r.externalIdField(), "required: the " + r.kind() + ", by "
                            + r.externalIdField() + " (imported in this batch or before) or by " + r.idField()));
                } else if (ext != null) {
                    input.remove(r.externalIdField());
                    String id = known.get(r.externalIdField()).get(ext);
                    if (id == null) {
                        missing.add(new Problem.Detail(at + r.externalIdField(), "no " + r.kind() + " was imported with"
                                + " external_id '" + ext + "'; import it first, in this batch or an earlier one"));
                    } else {
                        input.put(r.idField(), id);
                    }
                }
            }
            inputs.add(input);
        }
        if (!shape.isEmpty()) throw Problem.validation(shape);
        if (!missing.isEmpty()) {
            throw new Problem(ErrorType.NOT_FOUND, "A " + kind.name() + " refers to a record that was never imported;"
                    + " nothing was imported.", missing);
        }
        return inputs;
    }

    /** Calls the kind's operation as the single-record call would; answers the new record's id. */
    @SuppressWarnings("unchecked")
    private static String create(Tx tx, LedgerKind kind, ObjectNode input, int index) {
        Operation<Object> operation = (Operation<Object>) kind.operation();
        Object parsed = convert(input, (Class<Object>) operation.spec().inputType(), index, kind.name());
        Outcome outcome = operation.handle(tx, parsed);
        return Json.MAPPER.valueToTree(outcome.fields()).path(kind.name() + "_id").asText();
    }

    // ------------------------------------------------------------------ pieces

    /** Keeps the external ids; one imported by a concurrent call meanwhile rolls this batch back, to be sent again. */
    private void record(Tx tx, List<ImportedRecordStore.Entry> entries) {
        List<String> taken = ledger.insertAll(tx, entries);
        if (!taken.isEmpty()) {
            throw new Problem(ErrorType.CONFLICT, "Another call imported some of these records at the same time; nothing"
                    + " was imported. Send the batch again: what that call imported answers unchanged.",
                    taken.stream().map(ext -> new Problem.Detail("/records", "external_id '" + ext + "' was imported concurrently")).toList());
        }
    }

    private static Problem.Detail differs(Indexed in, String kind, String itemId) {
        return new Problem.Detail("/records/" + in.index() + "/" + kind + "/external_id", "a different " + kind + " was"
                + " imported with external_id '" + in.externalId() + "' (now " + itemId + "); send it exactly as before to"
                + " replay it, or use another external_id");
    }

    private static Problem conflict(List<Problem.Detail> details) {
        return new Problem(ErrorType.CONFLICT, "Records were imported before with the same external_id and other content;"
                + " nothing was imported.", details);
    }

    /** The same problem with every detail's path moved into the batch; one detail at the record when it had none. */
    private static Problem repointed(Problem p, java.util.function.UnaryOperator<String> path) {
        List<Problem.Detail> details = p.details().isEmpty()
                ? List.of(new Problem.Detail(path.apply(""), p.getMessage()))
                : p.details().stream().map(d -> new Problem.Detail(path.apply(d.path()), d.message())).toList();
        return new Problem(p.type(), p.getMessage() + " Nothing was imported.", details);
    }

    private static ObjectNode without(ObjectNode body, String field) {
        ObjectNode copy = body.deepCopy();
        copy.remove(field);
        return copy;
    }

    private static <T> T convert(ObjectNode body, Class<T> type, int index, String kind) {
        try {
            return Json.MAPPER.treeToValue(body, type);
        } catch (JsonProcessingException e) {
            throw Problem.validation("/records/" + index + "/" + kind, "could not be read: " + e.getOriginalMessage());
        } catch (IllegalArgumentException e) {
            throw Problem.validation("/records/" + index + "/" + kind, "could not be read: " + e.getMessage());
        }
    }

    private static byte[] sha256(JsonNode body) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(Json.write(body).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
