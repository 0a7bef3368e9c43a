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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

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
     * Records a sale with its product sales and, when {@code transaction} is given, the gateway's answer
     * to the payment attempt. A sale sent again with the same {@code external_id} and the same content is
     * answered with the recorded one and writes nothing; different content under that id is a conflict.
     */
    public Recorded create(Tx tx, NewSale in) {
        byte[] fingerprint = null;
        if (in.externalId() != null) {
            fingerprint = sha256(Json.write(in));
            Optional<SaleStore.ByExternalId> earlier = store.findByExternalId(tx, in.externalId());
            if (earlier.isPresent()) return replay(tx, in, earlier.get(), fingerprint);
        }
        List<Problem.Detail> problems = new ArrayList<>();
        checkShape(tx, in, problems);
        List<BigDecimal[]> amounts = lineAmounts(in.productSales(), problems);
        if (!problems.isEmpty()) throw Problem.validation(problems);

        if (in.campaignId() != null && !catalogue.campaignExists(tx, in.campaignId())) {
            throw Problem.notFound("campaign", in.campaignId());
        }
        if (in.thirdPartyShopId() != null && !catalogue.shopExists(tx, in.thirdPartyShopId())) {
            throw Problem.notFound("third_party_shop", in.thirdPartyShopId());
        }
        List<Product> products = new ArrayList<>();
        for (int i = 0; i < in.productSales().size(); i++) {
            String productId = in.productSales().get(i).productId();
            products.add(catalogue.product(tx, productId)
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

        boolean customerCreated = false;
        String customerId;
        if (in.customerId() != null) {
            customerId = liveCustomer(tx, in.customerId());
        } else {
            customers.lockEmail(tx, in.customer().email());
            Optional<Customer> known = customers.findByEmail(tx, in.customer().email());
            customerId = known.isPresent() ? known.get().customerId() : createCustomer(tx, in);
            customerCreated = known.isEmpty();
        }
        lines = lines.stream().map(l -> withCustomer(l, customerId)).toList();
        Instant soldAt = Objects.requireNonNullElse(in.soldAt(), tx.now());
        Sale sale = new Sale(saleId, customerId, in.externalId(), in.status(), in.campaignId(),
                in.thirdPartyShopId(), soldAt, sum(lines, l -> l.price().multiply(BigDecimal.valueOf(l.quantity()))),
                sum(lines, ProductSale::discount), sum(lines, ProductSale::tax), sum(lines, ProductSale::shipping), total,
                ZERO, lines.stream().anyMatch(ProductSale::upsell), tx.now(), tx.now());
        store.insert(tx, sale, fingerprint);
        store.insertAll(tx, lines);
        SaleTransaction transaction = in.transaction() == null ? null
                : transaction(tx, sale, null, SaleTransaction.Kind.SALE, total, in.status() == SaleStatus.PAID, in.transaction());
        if (transaction != null) store.insert(tx, transaction);
        lifetimeValues.apply(tx, customerId, LifetimeValueDelta.between(null, SaleFigures.of(sale)));

        List<AuditLog.Change> changes = new ArrayList<>();
        changes.add(new AuditLog.Change("sale", saleId, "create", null, sale));
        lines.forEach(l -> changes.add(new AuditLog.Change("product_sale", l.productSaleId(), "create", null, l)));
        if (transaction != null) {
            changes.add(new AuditLog.Change("sale_transaction", transaction.saleTransactionId(), "create", null, transaction));
        }
        audit.recordAll(tx, changes);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("sale", sale);
        payload.put("product_sales", lines);
        payload.put("transaction", transaction);
        payload.put("customer_created", customerCreated);
        events.emit(tx, createdNotation(sale.status()), "sale", saleId, customerId, payload);
        return new Recorded(new SaleDetails(sale, lines, transaction == null ? List.of() : List.of(transaction), List.of(),
                List.of(), List.of(), List.of(), List.of()),
                true, customerCreated);
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

    /** Creates the sale's customer from its contact details; problems point into {@code /customer}. */
    private String createCustomer(Tx tx, NewSale in) {
        try {
            Customer created = customers.create(tx, in.customer());
            customers.suggestDuplicates(tx, created);
            return created.customerId();
        } catch (Problem p) {
            if (p.type() != ErrorType.VALIDATION) throw p;
            throw Problem.validation(p.details().stream()
                    .map(d -> new Problem.Detail("/customer" + d.path(), d.message())).toList());
        }
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
        store.update(tx, after);
        SaleTransaction transaction = gateway == null ? null : to == SaleStatus.VOID
                ? transaction(tx, after, null, SaleTransaction.Kind.VOID, after.total(), true, gateway)
                : transaction(tx, after, null, SaleTransaction.Kind.SALE, after.total(), to == SaleStatus.PAID, gateway);
        if (transaction != null) store.insert(tx, transaction);
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

    /**
     * Refunds {@code amount} (default: all that is left) of a paid or partially refunded sale, or of one
     * of its product sales. The sale becomes partially_refunded, or refunded once its whole total is.
     */
    public Refunded refund(Tx tx, String saleId, String productSaleId, BigDecimal amount, String reason, GatewayResponse gateway) {
        Sale before = find(tx, saleId, true);
        ProductSale line = productSaleId == null ? null : store.productSale(tx, saleId, productSaleId)
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
        if (amount != null) {
            List<Problem.Detail> problems = new ArrayList<>();
            refundAmount = money(amount, "/amount", problems);
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
                blankToNull(reason), tx.now());
        BigDecimal refunded = before.refunded().add(refundAmount);
        Sale after = before.with(refunded.compareTo(before.total()) == 0 ? SaleStatus.REFUNDED : SaleStatus.PARTIALLY_REFUNDED,
                refunded, tx.now());
        ProductSale lineAfter = line == null ? null : new ProductSale(line.productSaleId(), line.saleId(), line.customerId(),
                line.productId(), line.quantity(), line.price(), line.discount(), line.tax(), line.shipping(), line.upsell(),
                line.total(), line.refunded().add(refundAmount), line.createdAt());
        store.insert(tx, refund);
        store.update(tx, after);
        if (lineAfter != null) store.updateRefunded(tx, lineAfter);
        SaleTransaction transaction = gateway == null ? null
                : transaction(tx, after, refund.refundId(), SaleTransaction.Kind.REFUND, refundAmount, true, gateway);
        if (transaction != null) store.insert(tx, transaction);
        lifetimeValues.apply(tx, after.customerId(), LifetimeValueDelta.between(SaleFigures.of(before), SaleFigures.of(after)));

        List<AuditLog.Change> changes = new ArrayList<>();
        changes.add(new AuditLog.Change("refund", refund.refundId(), "create", null, refund));
        changes.add(new AuditLog.Change("sale", saleId, "update", before, after));
        if (lineAfter != null) changes.add(new AuditLog.Change("product_sale", productSaleId, "update", line, lineAfter));
        if (transaction != null) {
            changes.add(new AuditLog.Change("sale_transaction", transaction.saleTransactionId(), "create", null, transaction));
        }
        audit.recordAll(tx, changes);
        Map<String, Object> refundPayload = new LinkedHashMap<>();
        refundPayload.put("refund", refund);
        refundPayload.put("sale_id", saleId);
        refundPayload.put("sale_status", after.status());
        refundPayload.put("sale_total", after.total());
        refundPayload.put("sale_refunded", after.refunded());
        refundPayload.put("transaction", transaction);
        List<Events.NewEvent> announced = new ArrayList<>();
        announced.add(new Events.NewEvent(Notation.REFUND_CREATED, "refund", refund.refundId(), after.customerId(), refundPayload));
        if (after.status() != before.status()) {
            Map<String, Object> salePayload = new LinkedHashMap<>();
            salePayload.put("sale", after);
            salePayload.put("previous_status", before.status());
            salePayload.put("refund_id", refund.refundId());
            announced.add(new Events.NewEvent(after.status() == SaleStatus.REFUNDED ? Notation.SALE_UPDATED_REFUNDED_FULL
                    : Notation.SALE_UPDATED_REFUNDED_PARTIAL, "sale", saleId, after.customerId(), salePayload));
        }
        events.emitAll(tx, announced);
        return new Refunded(refund, before, after, transaction);
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
