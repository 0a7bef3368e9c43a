package io.clientele.commerce;

import io.clientele.audit.AuditLog;
import io.clientele.commerce.NewSale.NewProductSale;
import io.clientele.commerce.internal.DisputeStore;
import io.clientele.commerce.internal.LifetimeValueDelta;
import io.clientele.commerce.internal.LifetimeValueStore;
import io.clientele.commerce.internal.SaleFigures;
import io.clientele.commerce.internal.SaleStore;
import io.clientele.commerce.internal.ShippingStore;
import io.clientele.customer.Customer;
import io.clientele.customer.Customers;
import io.clientele.event.Events;
import io.clientele.event.Notation;
import io.clientele.operation.PageCursor;
import io.clientele.platform.ErrorType;
import io.clientele.platform.Ids;
import io.clientele.platform.Json;
import io.clientele.platform.Money;
import io.clientele.platform.Problem;
import io.clientele.platform.Tx;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The sales API: every sale, product sale, transaction and refund is written here, so each write is
 * validated, audited, announced, and moves its customer's lifetime value by a delta, all in the caller's
 * transaction. Statuses move only along {@link SaleStatus#editTargets()} and by refunds.
 */
public final class Sales {
    public static final int MAX_PRODUCT_SALES = 100;
    public static final int MAX_QUANTITY = 10_000;
    /** How far in the future {@code sold_at} may be, for clocks that disagree a little. */
    public static final Duration SOLD_AT_SKEW = Duration.ofMinutes(5);
    public static final Instant EARLIEST_SOLD_AT = Instant.parse("1970-01-01T00:00:00Z");

    private static final BigDecimal ZERO = BigDecimal.ZERO.setScale(2);

    /** What {@link #create} did: the sale, whether this call recorded it, whether it created the customer. */
    public record Recorded(SaleDetails details, boolean created, boolean customerCreated) {}

    /** A status change: the sale before and after, and the transaction recorded with it (or null). */
    public record Transition(Sale before, Sale after, SaleTransaction transaction) {}

    /** A refund: the refund, the sale before and after, and the transaction recorded with it (or null). */
    public record Refunded(Refund refund, Sale before, Sale after, SaleTransaction transaction) {}

    /** One page of a customer's sales, and the cursor of the next (null on the last). */
    public record Page(List<Sale> sales, String nextCursor) {}

    private final SaleStore store;
    private final DisputeStore disputes;
    private final ShippingStore shipments;
    private final LifetimeValueStore lifetimeValues;
    private final Catalogue catalogue;
    private final Customers customers;
    private final Events events;
    private final AuditLog audit;

    public Sales(SaleStore store, DisputeStore disputes, ShippingStore shipments, LifetimeValueStore lifetimeValues,
                 Catalogue catalogue, Customers customers, Events events, AuditLog audit) {
        this.store = store;
        this.disputes = disputes;
        this.shipments = shipments;
        this.lifetimeValues = lifetimeValues;
        this.catalogue = catalogue;
        this.customers = customers;
        this.events = events;
        this.audit = audit;
    }

    // ------------------------------------------------------------------ create

    /**
     * A sale or refund of a batch ({@link #createAll}, {@link #refundAll}) that could not be recorded: its
     * position in the batch, and the problem exactly as the single call ({@link #create}, {@link #refund})
     * reports it. The batch writes nothing.
     */
    public static final class EntryProblem extends RuntimeException {
        private final int index;
        private final Problem problem;

        EntryProblem(int index, Problem problem) {
            super(problem.getMessage(), problem, false, false);
            this.index = index;
            this.problem = problem;
        }

        public int index() {
            return index;
        }

        public Problem problem() {
            return problem;
        }
    }

    /**
     * Records a sale with its product sales and, when {@code transaction} is given, the gateway's answer
     * to the payment attempt. A sale sent again with the same {@code external_id} and the same content is
     * answered with the recorded one and writes nothing; different content under that id is a conflict.
     */
    public Recorded create(Tx tx, NewSale in) {
        try {
            return createAll(tx, List.of(in)).get(0);
        } catch (EntryProblem e) {
            throw e.problem();
        }
    }

    /** A sale of {@link #createAll} checked and priced, before its customer is known when named by contact details. */
    private record Priced(int index, NewSale in, String saleId, List<ProductSale> lines, BigDecimal total,
                          String customerId, byte[] fingerprint) {}

    /** What the sales of a batch refer to, read at once: campaigns and shops that exist, products, live customers. */
    private record Referenced(Set<String> campaigns, Set<String> shops, Map<String, Product> products,
                              Map<String, Customer> customers) {}

    /**
     * Records many sales as {@link #create} records each, in order, in a constant number of statements:
     * what they refer to is read at once, every sale is checked before the first is written, and the rows,
     * audit entries, events and lifetime value changes of all of them are written as one batch each (a
     * history import's hundreds of sales cost what a few single sales do). Two sales of the batch with the
     * same external_id are refused. The first sale found wrong fails the batch with an {@link EntryProblem}.
     */
    public List<Recorded> createAll(Tx tx, List<NewSale> in) {
        Recorded[] out = new Recorded[in.size()];
        byte[][] fingerprints = new byte[in.size()][];
        Map<String, Integer> firstWithExternalId = new HashMap<>();
        for (int i = 0; i < in.size(); i++) {
            String externalId = in.get(i).externalId();
            if (externalId == null) continue;
            fingerprints[i] = sha256(Json.write(in.get(i)));
            Integer first = firstWithExternalId.putIfAbsent(externalId, i);
            if (first != null) {
                throw new EntryProblem(i, Problem.conflict("/external_id", "Sale " + first + " of this batch has the same"
                        + " external_id '" + externalId + "'; each sale needs its own."));
            }
        }
        Map<String, SaleStore.ByExternalId> recorded = store.findByExternalIds(tx, firstWithExternalId.keySet());
        List<NewSale> fresh = new ArrayList<>();
        List<Integer> freshIndex = new ArrayList<>();
        for (int i = 0; i < in.size(); i++) {
            SaleStore.ByExternalId earlier = in.get(i).externalId() == null ? null : recorded.get(in.get(i).externalId());
            if (earlier == null) {
                fresh.add(in.get(i));
                freshIndex.add(i);
            } else {
                int at = i;
                out[i] = entry(i, () -> replay(tx, in.get(at), earlier, fingerprints[at]));
            }
        }
        if (fresh.isEmpty()) return List.of(out);

        Referenced refs = new Referenced(
                catalogue.existingCampaigns(tx, distinct(fresh.stream().map(NewSale::campaignId))),
                catalogue.existingShops(tx, distinct(fresh.stream().map(NewSale::thirdPartyShopId))),
                catalogue.products(tx, distinct(fresh.stream().filter(s -> s.productSales() != null)
                        .flatMap(s -> s.productSales().stream()).filter(Objects::nonNull).map(NewProductSale::productId))),
                customers.findAll(tx, distinct(fresh.stream().map(NewSale::customerId))));
        List<Priced> priced = new ArrayList<>();
        for (int n = 0; n < fresh.size(); n++) {
            int i = freshIndex.get(n);
            priced.add(entry(i, () -> price(tx, i, in.get(i), fingerprints[i], refs)));
        }
        Map<Integer, String> contactCustomers = new HashMap<>();
        Set<Integer> createdFor = customersByContact(tx, priced, contactCustomers);
        write(tx, priced, contactCustomers, createdFor, out);
        return List.of(out);
    }

    /**
     * Writes the checked sales of a batch, their customers known ({@code contactCustomers} for those named by
     * contact details, {@code createdFor} the sales that created theirs), into {@code out} by index.
     */
    private void write(Tx tx, List<Priced> priced, Map<Integer, String> contactCustomers, Set<Integer> createdFor,
                       Recorded[] out) {
        List<Sale> sales = new ArrayList<>();
        List<ProductSale> allLines = new ArrayList<>();
        List<SaleTransaction> transactions = new ArrayList<>();
        List<Map.Entry<String, LifetimeValueDelta>> deltas = new ArrayList<>();
        List<AuditLog.Change> changes = new ArrayList<>();
        List<Events.NewEvent> announced = new ArrayList<>();
        for (Priced p : priced) {
            NewSale asked = p.in();
            String customerId = p.customerId() != null ? p.customerId() : contactCustomers.get(p.index());
            boolean customerCreated = createdFor.contains(p.index());
            List<ProductSale> lines = p.lines().stream().map(l -> withCustomer(l, customerId)).toList();
            Instant soldAt = Objects.requireNonNullElse(asked.soldAt(), tx.now());
            Sale sale = new Sale(p.saleId(), customerId, asked.externalId(), asked.status(), asked.campaignId(),
                    asked.thirdPartyShopId(), soldAt, sum(lines, l -> l.price().multiply(BigDecimal.valueOf(l.quantity()))),
                    sum(lines, ProductSale::discount), sum(lines, ProductSale::tax), sum(lines, ProductSale::shipping), p.total(),
                    ZERO, lines.stream().anyMatch(ProductSale::upsell), tx.now(), tx.now());
            SaleTransaction transaction = asked.transaction() == null ? null : transaction(tx, sale, null, SaleTransaction.Kind.SALE,
                    p.total(), asked.status() == SaleStatus.PAID, asked.transaction());
            sales.add(sale);
            allLines.addAll(lines);
            if (transaction != null) transactions.add(transaction);
            deltas.add(Map.entry(customerId, LifetimeValueDelta.between(null, SaleFigures.of(sale))));
            changes.add(new AuditLog.Change("sale", sale.saleId(), "create", null, sale));
            lines.forEach(l -> changes.add(new AuditLog.Change("product_sale", l.productSaleId(), "create", null, l)));
            if (transaction != null) {
                changes.add(new AuditLog.Change("sale_transaction", transaction.saleTransactionId(), "create", null, transaction));
            }
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("sale", sale);
            payload.put("product_sales", lines);
            payload.put("transaction", transaction);
            payload.put("customer_created", customerCreated);
            announced.add(new Events.NewEvent(createdNotation(sale.status()), "sale", sale.saleId(), customerId, payload));
            out[p.index()] = new Recorded(new SaleDetails(sale, lines, transaction == null ? List.of() : List.of(transaction),
                    List.of(), List.of(), List.of(), List.of(), List.of()), true, customerCreated);
        }
        store.insertAll(tx, sales, priced.stream().map(Priced::fingerprint).toList());
        store.insertLines(tx, allLines);
        store.insertTransactions(tx, transactions);
        lifetimeValues.applyAll(tx, deltas);
        audit.recordAll(tx, changes);
        events.emitAll(tx, announced);
    }

    /** Checks and prices one new sale of a batch against what the batch refers to, as {@link #create} would. */
    private Priced price(Tx tx, int index, NewSale in, byte[] fingerprint, Referenced refs) {
        List<Problem.Detail> problems = new ArrayList<>();
        checkShape(tx, in, problems);
        List<BigDecimal[]> amounts = lineAmounts(in.productSales(), problems);
        if (!problems.isEmpty()) throw Problem.validation(problems);

        if (in.campaignId() != null && !refs.campaigns().contains(in.campaignId())) {
            throw Problem.notFound("campaign", in.campaignId());
        }
        if (in.thirdPartyShopId() != null && !refs.shops().contains(in.thirdPartyShopId())) {
            throw Problem.notFound("third_party_shop", in.thirdPartyShopId());
        }
        List<Product> products = new ArrayList<>();
        for (int i = 0; i < in.productSales().size(); i++) {
            String productId = in.productSales().get(i).productId();
            products.add(Optional.ofNullable(refs.products().get(productId))
                    .orElseThrow(notFound("product", productId, "/product_sales/" + i + "/product_id")));
        }

        String saleId = Ids.newId();
        List<ProductSale> lines = priceLines(tx, saleId, in.productSales(), products, amounts, problems);
        if (!problems.isEmpty()) throw Problem.validation(problems);
        BigDecimal total = sum(lines, ProductSale::total);
        if (total.compareTo(Money.MAX) > 0) {
            throw Problem.validation("/product_sales", "the sale's total (" + total.toPlainString() + ") is more than "
                    + Money.MAX.toPlainString() + "; split it into several sales");
        }
        if (in.customerId() != null && !refs.customers().containsKey(in.customerId())) {
            throw Problem.notFound("customer", in.customerId());
        }
        return new Priced(index, in, saleId, lines, total, in.customerId(), fingerprint);
    }

    /**
     * The customers of the sales that name theirs by contact details, into {@code customerOf} (by the sale's
     * index): the live customer with the email, else one created from the first of those sales with that email
     * (its likely duplicates recorded as suggestions) and matched by the later ones. Answers the indexes of the
     * sales whose customer was created.
     */
    private Set<Integer> customersByContact(Tx tx, List<Priced> priced, Map<Integer, String> customerOf) {
        List<Priced> byContact = priced.stream().filter(p -> p.customerId() == null).toList();
        Set<Integer> createdFor = new HashSet<>();
        if (byContact.isEmpty()) return createdFor;
        Map<String, Customer> known = customers.lockAndFindByEmails(tx, byContact.stream().map(p -> p.in().customer().email()).toList());
        Map<String, Priced> creating = new LinkedHashMap<>();
        for (Priced p : byContact) {
            String email = Customers.emailKey(p.in().customer().email());
            if (!known.containsKey(email) && creating.putIfAbsent(email, p) == null) createdFor.add(p.index());
        }
        List<Priced> creators = List.copyOf(creating.values());
        List<Customer> created;
        try {
            created = customers.createAll(tx, creators.stream().map(p -> p.in().customer()).toList());
        } catch (Problem problem) {
            if (problem.type() != ErrorType.VALIDATION) throw problem;
            // createAll points at /customers/<n>/<field>; report the first sale's problems at /customer/<field>.
            int n = Integer.parseInt(problem.details().get(0).path().split("/", 4)[2]);
            String prefix = "/customers/" + n;
            throw new EntryProblem(creators.get(n).index(), Problem.validation(problem.details().stream()
                    .filter(d -> d.path().equals(prefix) || d.path().startsWith(prefix + "/"))
                    .map(d -> new Problem.Detail("/customer" + d.path().substring(prefix.length()), d.message())).toList()));
        }
        if (created.size() == 1) customers.suggestDuplicates(tx, created.get(0));
        else customers.suggestDuplicatesAll(tx, created);
        Map<String, String> createdIds = new HashMap<>();
        for (int n = 0; n < creators.size(); n++) {
            createdIds.put(Customers.emailKey(creators.get(n).in().customer().email()), created.get(n).customerId());
        }
        for (Priced p : byContact) {
            String email = Customers.emailKey(p.in().customer().email());
            customerOf.put(p.index(), known.containsKey(email) ? known.get(email).customerId() : createdIds.get(email));
        }
        return createdFor;
    }

    /** The result of one entry of a batch, or its problem as an {@link EntryProblem}. */
    private static <T> T entry(int index, java.util.function.Supplier<T> work) {
        try {
            return work.get();
        } catch (Problem p) {
            throw new EntryProblem(index, p);
        }
    }

    private static Set<String> distinct(java.util.stream.Stream<String> ids) {
        return ids.filter(Objects::nonNull).collect(java.util.stream.Collectors.toCollection(LinkedHashSet::new));
    }

    private Recorded replay(Tx tx, NewSale in, SaleStore.ByExternalId earlier, byte[] fingerprint) {
        Sale sale = earlier.sale();
        if (!Arrays.equals(earlier.requestSha256(), fingerprint)) {
            throw Problem.conflict("/external_id", "Sale " + sale.saleId() + " was already recorded with external_id '"
                    + in.externalId() + "' from a different request. Send exactly the same request to replay it, or use"
                    + " another external_id for another sale.");
        }
        return new Recorded(details(tx, sale), false, false);
    }

    private void checkShape(Tx tx, NewSale in, List<Problem.Detail> problems) {
        if (in.customerId() != null && in.customer() != null) {
            problems.add(new Problem.Detail("/customer", "send either customer_id or customer, not both"));
        } else if (in.customerId() == null && in.customer() == null) {
            problems.add(new Problem.Detail("/customer_id",
                    "required: send customer_id, or customer with at least an email to find or create the customer"));
        } else if (in.customer() != null && (in.customer().email() == null || in.customer().email().isBlank())) {
            problems.add(new Problem.Detail("/customer/email",
                    "required: a sale's customer is found by email, or created with it; without one, create the customer"
                            + " first and send customer_id"));
        }
        if (in.externalId() != null && in.externalId().isBlank()) {
            problems.add(new Problem.Detail("/external_id", "must not be blank; leave it out when the sale has no id of yours"));
        }
        if (in.status() == null) {
            problems.add(new Problem.Detail("/status", "required: one of " + String.join(", ", SaleStatus.wires(SaleStatus.INITIAL))));
        } else if (!SaleStatus.INITIAL.contains(in.status())) {
            problems.add(new Problem.Detail("/status", "a sale is created as " + String.join(", ", SaleStatus.wires(SaleStatus.INITIAL))
                    + "; it becomes " + in.status().wire() + (in.status() == SaleStatus.VOID ? " with EditSale" : " with CreateRefund")));
        }
        if (in.soldAt() != null) {
            if (in.soldAt().isAfter(tx.now().plus(SOLD_AT_SKEW))) {
                problems.add(new Problem.Detail("/sold_at", "is in the future (" + in.soldAt() + "); send when the sale happened,"
                        + " in UTC, or leave it out for now"));
            } else if (in.soldAt().isBefore(EARLIEST_SOLD_AT)) {
                problems.add(new Problem.Detail("/sold_at", "must be 1970-01-01T00:00:00Z or later"));
            }
        }
        int n = in.productSales() == null ? 0 : in.productSales().size();
        if (n == 0) problems.add(new Problem.Detail("/product_sales", "a sale has at least one product sale"));
        if (n > MAX_PRODUCT_SALES) {
            problems.add(new Problem.Detail("/product_sales", "a sale has at most " + MAX_PRODUCT_SALES + " product sales"));
        }
    }

    /** Checks each line's given amounts: [price or null, discount, tax, shipping], all scale 2. */
    private static List<BigDecimal[]> lineAmounts(List<NewProductSale> in, List<Problem.Detail> problems) {
        List<BigDecimal[]> out = new ArrayList<>();
        if (in == null || in.size() > MAX_PRODUCT_SALES) return out;
        for (int i = 0; i < in.size(); i++) {
            NewProductSale l = in.get(i);
            String at = "/product_sales/" + i;
            if (l.productId() == null) problems.add(new Problem.Detail(at + "/product_id", "required: the product sold"));
            if (l.quantity() == null) {
                problems.add(new Problem.Detail(at + "/quantity", "required: how many were sold, 1 to " + MAX_QUANTITY));
            } else if (l.quantity() < 1 || l.quantity() > MAX_QUANTITY) {
                problems.add(new Problem.Detail(at + "/quantity", "must be from 1 to " + MAX_QUANTITY));
            }
            out.add(new BigDecimal[] {
                    l.price() == null ? null : money(l.price(), at + "/price", problems),
                    money(l.discount(), at + "/discount", problems),
                    money(l.tax(), at + "/tax", problems),
                    money(l.shipping(), at + "/shipping", problems)});
        }
        return out;
    }

    /** The lines with prices (the product's unless given) and totals; problems for totals out of range. */
    private static List<ProductSale> priceLines(Tx tx, String saleId, List<NewProductSale> in, List<Product> products,
                                                List<BigDecimal[]> amounts, List<Problem.Detail> problems) {
        List<ProductSale> lines = new ArrayList<>();
        for (int i = 0; i < in.size(); i++) {
            String at = "/product_sales/" + i;
            BigDecimal[] a = amounts.get(i);
            Product product = products.get(i);
            BigDecimal price = a[0] != null ? a[0] : product.price();
            if (price == null) {
                problems.add(new Problem.Detail(at + "/price", "required: product " + product.productId()
                        + " has no catalogue price, so send the price it was sold at"));
                continue;
            }
            price = price.setScale(2);
            int quantity = in.get(i).quantity();
            BigDecimal gross = price.multiply(BigDecimal.valueOf(quantity));
            BigDecimal total = gross.subtract(a[1]).add(a[2]).add(a[3]);
            if (total.signum() < 0) {
                problems.add(new Problem.Detail(at + "/discount", "the discount (" + a[1].toPlainString() + ") is more than"
                        + " quantity × price + tax + shipping (" + gross.add(a[2]).add(a[3]).toPlainString()
                        + "); a product sale's total cannot be negative"));
            } else if (total.compareTo(Money.MAX) > 0) {
                problems.add(new Problem.Detail(at, "the product sale's total (" + total.toPlainString() + ") is more than "
                        + Money.MAX.toPlainString()));
            }
            lines.add(new ProductSale(Ids.newId(), saleId, null, product.productId(), quantity, price, a[1], a[2], a[3],
                    Boolean.TRUE.equals(in.get(i).upsell()), total, ZERO, tx.now()));
        }
        return lines;
    }

    private static ProductSale withCustomer(ProductSale l, String customerId) {
        return new ProductSale(l.productSaleId(), l.saleId(), customerId, l.productId(), l.quantity(), l.price(), l.discount(),
                l.tax(), l.shipping(), l.upsell(), l.total(), l.refunded(), l.createdAt());
    }

    private String liveCustomer(Tx tx, String customerId) {
        return customers.find(tx, customerId).orElseThrow(() -> Problem.notFound("customer", customerId)).customerId();
    }

    // ------------------------------------------------------------------ read

    /** A sale of a live customer with everything recorded on it; not_found otherwise (another tenant's too). */
    public SaleDetails get(Tx tx, String saleId) {
        return details(tx, find(tx, saleId, false));
    }

    public Page list(Tx tx, String customerId, SaleStatus status, PageCursor after, int limit) {
        liveCustomer(tx, customerId);
        List<Sale> rows = store.listForCustomer(tx, customerId, status, after, limit);
        String next = null;
        if (rows.size() > limit) {
            rows = rows.subList(0, limit);
            Sale last = rows.get(limit - 1);
            next = new PageCursor(last.soldAt(), last.saleId()).encode();
        }
        return new Page(rows, next);
    }

    /** The customer of a sale, when the sale exists in the tenant and its customer is live (for {@code ItemTypes}). */
    public Optional<String> customerOfSale(Tx tx, String saleId) {
        return store.customerOfSale(tx, saleId).filter(c -> customers.find(tx, c).isPresent());
    }

    /** The customer of a product sale, likewise. */
    public Optional<String> customerOfProductSale(Tx tx, String productSaleId) {
        return store.customerOfProductSale(tx, productSaleId).filter(c -> customers.find(tx, c).isPresent());
    }

    private SaleDetails details(Tx tx, Sale sale) {
        return new SaleDetails(sale, store.productSales(tx, sale.saleId()), store.transactions(tx, sale.saleId()),
                store.refunds(tx, sale.saleId()), disputes.chargebacks(tx, sale.saleId()),
                disputes.paypalDisputes(tx, sale.saleId()), disputes.fraudDetections(tx, sale.saleId()),
                shipments.ofSale(tx, sale.saleId()));
    }

    /** The sale, locked when {@code forUpdate}; not_found when missing or when its customer was deleted. */
    private Sale find(Tx tx, String saleId, boolean forUpdate) {
        return store.find(tx, saleId, forUpdate)
                .filter(s -> customers.find(tx, s.customerId()).isPresent())
                .orElseThrow(() -> Problem.notFound("sale", saleId));
    }

    // ------------------------------------------------------------------ status

    /**
     * Moves a sale to {@code to}: a pending sale to paid (salvaged) or failed_declined, a paid sale to
     * void. Anything else is a conflict that names the moves allowed from the sale's status.
     */
    public Transition transition(Tx tx, String saleId, SaleStatus to, GatewayResponse gateway) {
        Sale before = find(tx, saleId, true);
        List<SaleStatus> allowed = before.status().editTargets();
        if (!allowed.contains(to)) {
            String options = allowed.isEmpty()
                    ? "its status can no longer change" + (before.status().isRefundable() || before.status() == SaleStatus.REFUNDED
                            ? " with EditSale (refunds are recorded with CreateRefund)" : "")
                    : "it can move to " + String.join(" or ", SaleStatus.wires(allowed)) + " only";
            throw Problem.conflict("/status", "Sale " + saleId + " is " + before.status().wire() + ", so it cannot become "
                    + to.wire() + ": " + options + ".");
        }
        Sale after = before.with(to, before.refunded(), tx.now());
        store.updateAll(tx, List.of(after));
        SaleTransaction transaction = gateway == null ? null : to == SaleStatus.VOID
                ? transaction(tx, after, null, SaleTransaction.Kind.VOID, after.total(), true, gateway)
                : transaction(tx, after, null, SaleTransaction.Kind.SALE, after.total(), to == SaleStatus.PAID, gateway);
        if (transaction != null) store.insertTransactions(tx, List.of(transaction));
        lifetimeValues.apply(tx, after.customerId(), LifetimeValueDelta.between(SaleFigures.of(before), SaleFigures.of(after)));

        List<AuditLog.Change> changes = new ArrayList<>();
        changes.add(new AuditLog.Change("sale", saleId, "update", before, after));
        if (transaction != null) {
            changes.add(new AuditLog.Change("sale_transaction", transaction.saleTransactionId(), "create", null, transaction));
        }
        audit.recordAll(tx, changes);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("sale", after);
        payload.put("previous_status", before.status());
        payload.put("transaction", transaction);
        Notation notation = switch (to) {
            case PAID -> Notation.SALE_UPDATED_SUCCESS_PAID;
            case FAILED_DECLINED -> Notation.SALE_UPDATED_FAILED_DECLINED;
            case VOID -> Notation.SALE_UPDATED_VOID;
            default -> throw new IllegalStateException("no edit moves a sale to " + to);
        };
        events.emit(tx, notation, "sale", saleId, after.customerId(), payload);
        return new Transition(before, after, transaction);
    }

    // ------------------------------------------------------------------ refunds

    /** A refund to record, as {@link #refund} takes it. */
    public record RefundRequest(String saleId, String productSaleId, BigDecimal amount, String reason, GatewayResponse gateway) {}

    /**
     * Refunds {@code amount} (default: all that is left) of a paid or partially refunded sale, or of one
     * of its product sales. The sale becomes partially_refunded, or refunded once its whole total is.
     */
    public Refunded refund(Tx tx, String saleId, String productSaleId, BigDecimal amount, String reason, GatewayResponse gateway) {
        try {
            return refundAll(tx, List.of(new RefundRequest(saleId, productSaleId, amount, reason, gateway))).get(0);
        } catch (EntryProblem e) {
            throw e.problem();
        }
    }

    /** One refund of {@link #refundAll} worked out: the refund, and its sale and product sale before and after. */
    private record Refunding(Refunded refunded, ProductSale lineBefore, ProductSale lineAfter) {}

    /**
     * Records many refunds as {@link #refund} records each, in order (a later refund of the same sale sees
     * the earlier ones), in a constant number of statements: the sales are read and locked at once, in id
     * order, and each kind of row, the audit entries, events and lifetime value changes are written as one
     * batch each. The first refund found wrong fails the batch with an {@link EntryProblem}.
     */
    public List<Refunded> refundAll(Tx tx, List<RefundRequest> in) {
        Map<String, Sale> sales = store.findAll(tx, distinct(in.stream().map(RefundRequest::saleId)), true);
        Set<String> live = customers.findAll(tx, distinct(sales.values().stream().map(Sale::customerId))).keySet();
        sales.values().removeIf(sale -> !live.contains(sale.customerId()));
        Map<String, ProductSale> lines = store.productSalesById(tx, distinct(in.stream().map(RefundRequest::productSaleId)));

        List<Refunded> out = new ArrayList<>();
        Map<String, Sale> salesAfter = new LinkedHashMap<>();
        Map<String, ProductSale> linesAfter = new LinkedHashMap<>();
        List<Refund> refunds = new ArrayList<>();
        List<SaleTransaction> transactions = new ArrayList<>();
        List<Map.Entry<String, LifetimeValueDelta>> deltas = new ArrayList<>();
        List<AuditLog.Change> changes = new ArrayList<>();
        List<Events.NewEvent> announced = new ArrayList<>();
        for (int i = 0; i < in.size(); i++) {
            RefundRequest r = in.get(i);
            Refunding done = entry(i, () -> refundOne(tx, r, sales, lines));
            Refunded refunded = done.refunded();
            Refund refund = refunded.refund();
            Sale before = refunded.before();
            Sale after = refunded.after();
            SaleTransaction transaction = refunded.transaction();
            sales.put(after.saleId(), after);
            salesAfter.put(after.saleId(), after);
            if (done.lineAfter() != null) {
                lines.put(done.lineAfter().productSaleId(), done.lineAfter());
                linesAfter.put(done.lineAfter().productSaleId(), done.lineAfter());
            }
            refunds.add(refund);
            if (transaction != null) transactions.add(transaction);
            deltas.add(Map.entry(after.customerId(), LifetimeValueDelta.between(SaleFigures.of(before), SaleFigures.of(after))));

            changes.add(new AuditLog.Change("refund", refund.refundId(), "create", null, refund));
            changes.add(new AuditLog.Change("sale", after.saleId(), "update", before, after));
            if (done.lineAfter() != null) {
                changes.add(new AuditLog.Change("product_sale", r.productSaleId(), "update", done.lineBefore(), done.lineAfter()));
            }
            if (transaction != null) {
                changes.add(new AuditLog.Change("sale_transaction", transaction.saleTransactionId(), "create", null, transaction));
            }
            Map<String, Object> refundPayload = new LinkedHashMap<>();
            refundPayload.put("refund", refund);
            refundPayload.put("sale_id", after.saleId());
            refundPayload.put("sale_status", after.status());
            refundPayload.put("sale_total", after.total());
            refundPayload.put("sale_refunded", after.refunded());
            refundPayload.put("transaction", transaction);
            announced.add(new Events.NewEvent(Notation.REFUND_CREATED, "refund", refund.refundId(), after.customerId(), refundPayload));
            if (after.status() != before.status()) {
                Map<String, Object> salePayload = new LinkedHashMap<>();
                salePayload.put("sale", after);
                salePayload.put("previous_status", before.status());
                salePayload.put("refund_id", refund.refundId());
                announced.add(new Events.NewEvent(after.status() == SaleStatus.REFUNDED ? Notation.SALE_UPDATED_REFUNDED_FULL
                        : Notation.SALE_UPDATED_REFUNDED_PARTIAL, "sale", after.saleId(), after.customerId(), salePayload));
            }
            out.add(refunded);
        }
        store.insertRefunds(tx, refunds);
        store.updateAll(tx, salesAfter.values());
        store.updateRefundedAll(tx, linesAfter.values());
        store.insertTransactions(tx, transactions);
        lifetimeValues.applyAll(tx, deltas);
        audit.recordAll(tx, changes);
        events.emitAll(tx, announced);
        return out;
    }

    /** Works out one refund against the sales and product sales as the refunds before it in the batch left them. */
    private static Refunding refundOne(Tx tx, RefundRequest r, Map<String, Sale> sales, Map<String, ProductSale> lines) {
        String saleId = r.saleId();
        String productSaleId = r.productSaleId();
        Sale before = Optional.ofNullable(saleId == null ? null : sales.get(saleId))
                .orElseThrow(() -> Problem.notFound("sale", saleId));
        ProductSale line = productSaleId == null ? null : Optional.ofNullable(lines.get(productSaleId))
                .filter(l -> l.saleId().equals(saleId))
                .orElseThrow(() -> new Problem(ErrorType.NOT_FOUND, "Sale " + saleId + " has no product sale with id "
                        + productSaleId + ". GetSale lists the sale's product sales.",
                        List.of(new Problem.Detail("/product_sale_id", "not found"))));
        if (!before.status().isRefundable()) {
            throw Problem.conflict("/sale_id", "Sale " + saleId + " is " + before.status().wire() + "; only paid or"
                    + " partially refunded sales can be refunded" + (before.status() == SaleStatus.REFUNDED
                    ? ", and this one is already refunded in full." : "."));
        }
        BigDecimal left = line == null ? before.refundable() : line.refundable().min(before.refundable());
        if (left.signum() == 0) {
            throw Problem.conflict(line == null ? "/sale_id" : "/product_sale_id", (line == null ? "Sale " + saleId
                    : "Product sale " + productSaleId) + " has nothing left to refund.");
        }
        BigDecimal refundAmount = left;
        if (r.amount() != null) {
            List<Problem.Detail> problems = new ArrayList<>();
            refundAmount = money(r.amount(), "/amount", problems);
            if (problems.isEmpty() && refundAmount.signum() == 0) {
                problems.add(new Problem.Detail("/amount", "must be more than 0"));
            } else if (problems.isEmpty() && refundAmount.compareTo(left) > 0) {
                problems.add(new Problem.Detail("/amount", "must be at most " + left.toPlainString() + ", what is left to refund"
                        + " of the " + (line == null ? "sale" : "product sale" + (line.refundable().compareTo(left) > 0
                        ? " (capped by what is left of its sale)" : ""))));
            }
            if (!problems.isEmpty()) throw Problem.validation(problems);
        }
        Refund refund = new Refund(Ids.newId(), saleId, productSaleId, null, before.customerId(), refundAmount,
                blankToNull(r.reason()), tx.now());
        BigDecimal refunded = before.refunded().add(refundAmount);
        Sale after = before.with(refunded.compareTo(before.total()) == 0 ? SaleStatus.REFUNDED : SaleStatus.PARTIALLY_REFUNDED,
                refunded, tx.now());
        ProductSale lineAfter = line == null ? null : new ProductSale(line.productSaleId(), line.saleId(), line.customerId(),
                line.productId(), line.quantity(), line.price(), line.discount(), line.tax(), line.shipping(), line.upsell(),
                line.total(), line.refunded().add(refundAmount), line.createdAt());
        SaleTransaction transaction = r.gateway() == null ? null
                : transaction(tx, after, refund.refundId(), SaleTransaction.Kind.REFUND, refundAmount, true, r.gateway());
        return new Refunding(new Refunded(refund, before, after, transaction), line, lineAfter);
    }

    // ------------------------------------------------------------------ pieces

    private static Notation createdNotation(SaleStatus status) {
        return switch (status) {
            case PAID -> Notation.SALE_CREATED_SUCCESS_PAID;
            case PENDING_DECLINED -> Notation.SALE_CREATED_PENDING_DECLINED;
            case PENDING_ABANDONED -> Notation.SALE_CREATED_PENDING_ABANDONED;
            case FAILED_DECLINED -> Notation.SALE_CREATED_FAILED_DECLINED;
            default -> throw new IllegalStateException("a sale is not created as " + status);
        };
    }

    private static SaleTransaction transaction(Tx tx, Sale sale, String refundId, SaleTransaction.Kind kind, BigDecimal amount,
                                               boolean success, GatewayResponse gateway) {
        return new SaleTransaction(Ids.newId(), sale.saleId(), sale.customerId(), refundId, kind, amount, success,
                blankToNull(gateway.gatewayResponseCode()), blankToNull(gateway.gatewayResponseMessage()), tx.now());
    }

    /** The amount at scale 2 (0.00 when not given), or a problem at {@code path}. */
    private static BigDecimal money(BigDecimal amount, String path, List<Problem.Detail> problems) {
        if (amount == null) return ZERO;
        try {
            return Money.check(amount, path);
        } catch (Problem p) {
            problems.addAll(p.details());
            return ZERO;
        }
    }

    private static BigDecimal sum(List<ProductSale> lines, java.util.function.Function<ProductSale, BigDecimal> amount) {
        return lines.stream().map(amount).reduce(ZERO, BigDecimal::add);
    }

    private static java.util.function.Supplier<Problem> notFound(String itemType, String id, String path) {
        return () -> Problem.notFound(itemType, id, path);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
