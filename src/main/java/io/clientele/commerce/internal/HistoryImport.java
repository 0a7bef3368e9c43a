package io.clientele.commerce.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clientele.commerce.GatewayResponse;
import io.clientele.commerce.NewSale;
import io.clientele.commerce.ProductSale;
import io.clientele.commerce.SaleDetails;
import io.clientele.commerce.Sales;
import io.clientele.customer.Customer;
import io.clientele.customer.CustomerDraft;
import io.clientele.customer.Customers;
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
 * {@code unchanged}, with other content a conflict. Kinds are applied in {@link #KINDS} order (customers,
 * then sales, then refunds), each in the order sent, so a record may refer to one of an earlier kind in
 * the same batch. Adding a kind: a property in the record schema, a list in {@link Batch}, a phase in
 * {@link #run} after the kinds it refers to, and docs/commerce.md "Importing history".
 */
public final class HistoryImport {
    public static final int MAX_RECORDS = 500;
    static final List<String> KINDS = List.of("customer", "sale", "refund");

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
    public record Record(ObjectNode customer, ObjectNode sale, ObjectNode refund) {}

    private final Customers customers;
    private final Sales sales;
    private final SaleStore saleStore;
    private final ImportedRecordStore ledger;

    public HistoryImport(Customers customers, Sales sales, SaleStore saleStore, ImportedRecordStore ledger) {
        this.customers = customers;
        this.sales = sales;
        this.saleStore = saleStore;
        this.ledger = ledger;
    }

    /** A record's position in the batch and its body. */
    private record Indexed(int index, ObjectNode body) {
        String externalId() {
            return body.path("external_id").asText();
        }
    }

    /** The batch split by kind, each in the order sent. */
    private record Batch(List<Indexed> customers, List<Indexed> sales, List<Indexed> refunds) {}

    public List<Result> run(Tx tx, List<Record> records) {
        Batch batch = split(records);
        Result[] results = new Result[records.size()];
        Map<String, String> customerIds = importCustomers(tx, batch.customers(), results);
        Map<String, String> saleIds = importSales(tx, batch.sales(), customerIds, results);
        importRefunds(tx, batch.refunds(), saleIds, results);
        return List.of(results);
    }

    private static Batch split(List<Record> records) {
        List<Problem.Detail> problems = new ArrayList<>();
        Batch batch = new Batch(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        Map<String, Set<String>> seen = new HashMap<>();
        for (int i = 0; i < records.size(); i++) {
            Record r = records.get(i);
            int kinds = (r.customer() != null ? 1 : 0) + (r.sale() != null ? 1 : 0) + (r.refund() != null ? 1 : 0);
            if (kinds != 1) {
                problems.add(new Problem.Detail("/records/" + i, "a record holds exactly one of " + String.join(", ", KINDS)));
                continue;
            }
            String kind = r.customer() != null ? "customer" : r.sale() != null ? "sale" : "refund";
            Indexed in = new Indexed(i, r.customer() != null ? r.customer() : r.sale() != null ? r.sale() : r.refund());
            if (!seen.computeIfAbsent(kind, k -> new HashSet<>()).add(in.externalId())) {
                problems.add(new Problem.Detail("/records/" + i + "/" + kind + "/external_id", "'" + in.externalId()
                        + "' is the external_id of an earlier " + kind + " in this batch; each record needs its own"));
            }
            (switch (kind) {
                case "customer" -> batch.customers();
                case "sale" -> batch.sales();
                default -> batch.refunds();
            }).add(in);
        }
        if (!problems.isEmpty()) throw Problem.validation(problems);
        return batch;
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

    /** Records each sale through {@link Sales#create}, whose own external_id replay makes a resent sale a no-op. */
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
            NewSale sale = convert(body, NewSale.class, in.index(), "sale");
            Sales.Recorded recorded;
            try {
                recorded = sales.create(tx, sale);
            } catch (Problem p) {
                throw repointed(p, path -> "/records/" + in.index() + "/sale" + path);
            }
            String saleId = recorded.details().sale().saleId();
            ids.put(in.externalId(), saleId);
            results[in.index()] = new Result(in.index(), "sale", in.externalId(), saleId, recorded.created() ? "created" : "unchanged",
                    recorded.details().productSales().stream().map(ProductSale::productSaleId).toList(),
                    recorded.customerCreated() ? recorded.details().sale().customerId() : null);
        }
        return ids;
    }

    // ------------------------------------------------------------------ refunds

    private void importRefunds(Tx tx, List<Indexed> records, Map<String, String> saleIds, Result[] results) {
        if (records.isEmpty()) return;
        Map<String, ImportedRecordStore.Entry> known = ledger.find(tx, "refund", records.stream().map(Indexed::externalId).toList());
        List<ImportedRecordStore.Entry> entries = new ArrayList<>();
        for (Indexed in : records) {
            String at = "/records/" + in.index() + "/refund";
            byte[] fingerprint = sha256(in.body());
            ImportedRecordStore.Entry earlier = known.get(in.externalId());
            if (earlier != null) {
                if (!Arrays.equals(earlier.requestSha256(), fingerprint)) throw conflict(List.of(differs(in, "refund", earlier.itemId())));
                results[in.index()] = new Result(in.index(), "refund", in.externalId(), earlier.itemId(), "unchanged");
                continue;
            }
            JsonNode b = in.body();
            String saleId = saleOf(tx, b, saleIds, at);
            String productSaleId = null;
            if (b.hasNonNull("product_sale_position")) {
                int position = b.path("product_sale_position").asInt();
                SaleDetails details = sales.get(tx, saleId);
                List<ProductSale> lines = details.productSales();
                if (position >= lines.size()) {
                    throw Problem.validation(at + "/product_sale_position", "the sale has " + lines.size()
                            + " product sale(s), so the position is 0 to " + (lines.size() - 1));
                }
                productSaleId = lines.get(position).productSaleId();
            }
            BigDecimal amount = b.hasNonNull("amount") ? b.path("amount").decimalValue() : null;
            GatewayResponse gateway = b.has("transaction") ? convert((ObjectNode) b.path("transaction"), GatewayResponse.class,
                    in.index(), "refund/transaction") : null;
            Sales.Refunded refunded;
            try {
                refunded = sales.refund(tx, saleId, productSaleId, amount, b.path("reason").asText(null), gateway);
            } catch (Problem p) {
                throw repointed(p, path -> at + (path.equals("/sale_id") ? b.has("sale_id") ? "/sale_id" : "/sale_external_id"
                        : path.equals("/product_sale_id") ? "/product_sale_position" : path));
            }
            String refundId = refunded.refund().refundId();
            entries.add(new ImportedRecordStore.Entry("refund", in.externalId(), refundId, fingerprint));
            results[in.index()] = new Result(in.index(), "refund", in.externalId(), refundId, "created");
        }
        record(tx, entries);
    }

    private String saleOf(Tx tx, JsonNode refund, Map<String, String> saleIds, String at) {
        boolean byId = refund.hasNonNull("sale_id");
        boolean byExternalId = refund.hasNonNull("sale_external_id");
        if (byId == byExternalId) {
            throw Problem.validation(at + "/sale_external_id", "send one of sale_external_id or sale_id");
        }
        if (byId) return refund.path("sale_id").asText();
        String ext = refund.path("sale_external_id").asText();
        String id = saleIds.get(ext);
        if (id != null) return id;
        return saleStore.findByExternalId(tx, ext).map(s -> s.sale().saleId())
                .orElseThrow(() -> new Problem(ErrorType.NOT_FOUND, "No sale has external_id '" + ext + "'. Import the sale"
                        + " first, in this batch or an earlier one.", List.of(new Problem.Detail(at + "/sale_external_id", "not found"))));
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
