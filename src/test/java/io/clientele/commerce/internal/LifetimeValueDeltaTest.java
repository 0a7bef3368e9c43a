package io.clientele.commerce.internal;

import static io.clientele.commerce.SaleStatus.FAILED_DECLINED;
import static io.clientele.commerce.SaleStatus.PAID;
import static io.clientele.commerce.SaleStatus.PARTIALLY_REFUNDED;
import static io.clientele.commerce.SaleStatus.PENDING_ABANDONED;
import static io.clientele.commerce.SaleStatus.PENDING_DECLINED;
import static io.clientele.commerce.SaleStatus.REFUNDED;
import static io.clientele.commerce.SaleStatus.VOID;
import static io.clientele.commerce.SubscriptionRenewalStatus.FAILED;
import static io.clientele.commerce.SubscriptionRenewalStatus.OVERDUE;
import static io.clientele.commerce.SubscriptionRenewalStatus.SUCCESS;
import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.commerce.SaleStatus;
import io.clientele.commerce.SubscriptionRenewalStatus;
import io.clientele.commerce.SubscriptionStatus;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The delta of one sale's change, case by case: every creation status, every transition, refunds; and of
 * each chargeback, fraud detection and PayPal dispute; of each subscription move and renewal change.
 */
class LifetimeValueDeltaTest {
    private static final Instant SOLD = Instant.parse("2025-03-01T10:00:00Z");

    static Stream<Arguments> changes() {
        return Stream.of(
                row("a new paid sale counts as a success: gross, discount, last sale",
                        null, sale(PAID, "100.00", "10.00"),
                        delta().sales(1).success(1).gross("100.00").discounted("10.00").gained(SOLD)),
                row("a new paid sale with an upsell line also counts as an upsell sale",
                        null, sale(PAID, "100.00", "0.00").upsell(),
                        delta().sales(1).success(1).upsell(1).gross("100.00").gained(SOLD)),
                row("a new declined sale is remaining and to salvage, not gross",
                        null, sale(PENDING_DECLINED, "80.00", "5.00"),
                        delta().sales(1).pendingDeclined(1).remaining("80.00").salvage("80.00")),
                row("a new abandoned sale is remaining but not to salvage",
                        null, sale(PENDING_ABANDONED, "80.00", "0.00").upsell(),
                        delta().sales(1).pendingAbandoned(1).remaining("80.00")),
                row("a new failed sale only counts as a sale and a failure",
                        null, sale(FAILED_DECLINED, "80.00", "5.00").upsell(),
                        delta().sales(1).failedDeclined(1)),
                row("a salvaged declined sale moves from remaining and to-salvage to gross",
                        sale(PENDING_DECLINED, "80.00", "5.00").upsell(), sale(PAID, "80.00", "5.00").upsell(),
                        delta().success(1).pendingDeclined(-1).upsell(1).gross("80.00").discounted("5.00")
                                .remaining("-80.00").salvage("-80.00").gained(SOLD)),
                row("a salvaged abandoned sale moves from remaining to gross",
                        sale(PENDING_ABANDONED, "80.00", "0.00"), sale(PAID, "80.00", "0.00"),
                        delta().success(1).pendingAbandoned(-1).gross("80.00").remaining("-80.00").gained(SOLD)),
                row("a declined sale that fails for good leaves remaining and to-salvage",
                        sale(PENDING_DECLINED, "80.00", "0.00"), sale(FAILED_DECLINED, "80.00", "0.00"),
                        delta().pendingDeclined(-1).failedDeclined(1).remaining("-80.00").salvage("-80.00")),
                row("an abandoned sale that fails for good leaves remaining",
                        sale(PENDING_ABANDONED, "80.00", "0.00"), sale(FAILED_DECLINED, "80.00", "0.00"),
                        delta().pendingAbandoned(-1).failedDeclined(1).remaining("-80.00")),
                row("a voided paid sale gives back its success, gross, discount, upsell and maybe the last sale date",
                        sale(PAID, "100.00", "10.00").upsell(), sale(VOID, "100.00", "10.00").upsell(),
                        delta().success(-1).voided(1).upsell(-1).gross("-100.00").discounted("-10.00").lost(SOLD)),
                row("a partial refund only adds to refunded",
                        sale(PAID, "100.00", "10.00"), sale(PARTIALLY_REFUNDED, "100.00", "10.00").refunded("30.00"),
                        delta().refunded("30.00")),
                row("a further partial refund adds its amount",
                        sale(PARTIALLY_REFUNDED, "100.00", "0.00").refunded("30.00"),
                        sale(PARTIALLY_REFUNDED, "100.00", "0.00").refunded("45.50"),
                        delta().refunded("15.50")),
                row("the refund that completes a partial one adds the rest; the sale stays a success in gross",
                        sale(PARTIALLY_REFUNDED, "100.00", "0.00").refunded("30.00").upsell(),
                        sale(REFUNDED, "100.00", "0.00").refunded("100.00").upsell(),
                        delta().refunded("70.00")),
                row("a full refund at once adds the whole total to refunded",
                        sale(PAID, "100.00", "0.00"), sale(REFUNDED, "100.00", "0.00").refunded("100.00"),
                        delta().refunded("100.00")),
                row("a new zero-total paid sale still counts as a sale and a success",
                        null, sale(PAID, "0.00", "25.00"),
                        delta().sales(1).success(1).discounted("25.00").gained(SOLD)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("changes")
    void aSaleChangeMovesTheFiguresByItsContributionBeforeAndAfter(String name, Sale before, Sale after, Delta expected) {
        LifetimeValueDelta delta = LifetimeValueDelta.between(before == null ? null : before.figures(), after.figures());

        assertThat(delta).isEqualTo(expected.build());
    }

    static Stream<Arguments> records() {
        return Stream.of(
                Arguments.of("a chargeback adds one chargeback and its amount (net falls by it), nothing else",
                        LifetimeValueDelta.chargeback(new BigDecimal("15.00")), delta().chargebacks(1, "15.00")),
                Arguments.of("a fraud detection adds one detection, nothing else",
                        LifetimeValueDelta.fraudDetection(), delta().fraudDetections(1)),
                Arguments.of("a PayPal dispute adds one dispute and its amount, and leaves refunded and chargebacks alone",
                        LifetimeValueDelta.paypalDispute(new BigDecimal("40.00")), delta().paypalDisputes(1, "40.00")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("records")
    void aRecordOnASaleOrCustomerMovesOnlyItsOwnFigures(String name, LifetimeValueDelta delta, Delta expected) {
        assertThat(delta).isEqualTo(expected.build());
        assertThat(delta.isNone()).isFalse();
    }

    static Stream<Arguments> subscriptionMoves() {
        return Stream.of(
                Arguments.of("a new active subscription counts as active", null, SubscriptionStatus.ACTIVE,
                        delta().subscriptions(1, 0, 0, 0, 0, 0)),
                Arguments.of("a new trial counts as a trial", null, SubscriptionStatus.TRIAL, delta().subscriptions(0, 1, 0, 0, 0, 0)),
                Arguments.of("a trial that succeeds moves from trial to active", SubscriptionStatus.TRIAL, SubscriptionStatus.ACTIVE,
                        delta().subscriptions(1, -1, 0, 0, 0, 0)),
                Arguments.of("a trial that fails moves from trial to overdue", SubscriptionStatus.TRIAL, SubscriptionStatus.OVERDUE,
                        delta().subscriptions(0, -1, 1, 0, 0, 0)),
                Arguments.of("an active subscription reaching its limit", SubscriptionStatus.ACTIVE, SubscriptionStatus.OCCURRENCE_LIMIT,
                        delta().subscriptions(-1, 0, 0, 1, 0, 0)),
                Arguments.of("a suspended subscription cancelled", SubscriptionStatus.SUSPENDED, SubscriptionStatus.CANCELLED,
                        delta().subscriptions(0, 0, 0, 0, -1, 1)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("subscriptionMoves")
    void aSubscriptionMovesOnlyTheCountsOfItsStatuses(String name, SubscriptionStatus before, SubscriptionStatus after, Delta expected) {
        assertThat(LifetimeValueDelta.between(before, after)).isEqualTo(expected.build());
    }

    static Stream<Arguments> renewalChanges() {
        return Stream.of(
                Arguments.of("a new successful renewal adds to renewals, renewal gross and the last renewal date",
                        null, renewal(SUCCESS, "0.00"),
                        delta().renewals(1, 1, 0).renewalGross("30.00").renewedAt(SOLD)),
                Arguments.of("a new failed renewal is a renewal to salvage",
                        null, renewal(FAILED, "0.00"), delta().renewals(1, 0, 0).salvage("30.00")),
                Arguments.of("a new overdue renewal is an overdue renewal to salvage",
                        null, renewal(OVERDUE, "0.00"), delta().renewals(1, 0, 1).salvage("30.00")),
                Arguments.of("a failed renewal falling overdue counts as overdue and stays to salvage",
                        renewal(FAILED, "0.00"), renewal(OVERDUE, "0.00"), delta().renewals(0, 0, 1)),
                Arguments.of("a salvaged overdue renewal leaves overdue and to-salvage for success and renewal gross",
                        renewal(OVERDUE, "0.00"), renewal(SUCCESS, "0.00"),
                        delta().renewals(0, 1, -1).renewalGross("30.00").salvage("-30.00").renewedAt(SOLD)),
                Arguments.of("a refund of a successful renewal only adds to refunded",
                        renewal(SUCCESS, "0.00"), renewal(SUCCESS, "12.50"), delta().refunded("12.50")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renewalChanges")
    void aRenewalChangeMovesTheFiguresByItsContributionBeforeAndAfter(String name, RenewalFigures before, RenewalFigures after,
                                                                       Delta expected) {
        assertThat(LifetimeValueDelta.between(before, after)).isEqualTo(expected.build());
    }

    @Test
    void creatingThenSalvagingAndRefundingARenewalAddsUpToCreatingItInItsFinalState() {
        RenewalFigures failed = renewal(FAILED, "0.00");
        RenewalFigures paid = renewal(SUCCESS, "0.00");
        RenewalFigures refunded = renewal(SUCCESS, "10.00");

        LifetimeValueDelta stepwise = sum(LifetimeValueDelta.between(null, failed), LifetimeValueDelta.between(failed, paid),
                LifetimeValueDelta.between(paid, refunded));

        assertThat(stepwise).isEqualTo(LifetimeValueDelta.contribution(refunded));
    }

    @Test
    void aSaleChangeMovesNoChargebackFraudOrDisputeFigure() {
        LifetimeValueDelta delta = LifetimeValueDelta.between(sale(PAID, "10.00", "0.00").figures(),
                sale(REFUNDED, "10.00", "0.00").refunded("10.00").figures());

        assertThat(delta.numChargeback() + delta.numFraudDetection() + delta.numPaypalDispute()).isZero();
        assertThat(delta.chargebackAmount().signum() + delta.paypalDisputeAmount().signum()).isZero();
    }

    @Test
    void aChangeThatMovesNothingIsNone() {
        SaleFigures paid = sale(PAID, "10.00", "0.00").figures();

        assertThat(LifetimeValueDelta.between(paid, paid).isNone()).isTrue();
        assertThat(LifetimeValueDelta.between(null, paid).isNone()).isFalse();
    }

    @Test
    void creatingThenChangingASaleAddsUpToCreatingItInItsFinalState() {
        SaleFigures declined = sale(PENDING_DECLINED, "60.00", "3.00").upsell().figures();
        SaleFigures paid = sale(PAID, "60.00", "3.00").upsell().figures();
        SaleFigures refunded = sale(PARTIALLY_REFUNDED, "60.00", "3.00").upsell().refunded("20.00").figures();

        LifetimeValueDelta stepwise = sum(LifetimeValueDelta.between(null, declined),
                LifetimeValueDelta.between(declined, paid), LifetimeValueDelta.between(paid, refunded));

        assertThat(stepwise).isEqualTo(LifetimeValueDelta.contribution(refunded));
    }

    // ------------------------------------------------------------------ fixtures

    private static Arguments row(String name, Sale before, Sale after, Delta expected) {
        return Arguments.of(name, before, after, expected);
    }

    /** A renewal of 30.00 renewed at {@link #SOLD}. */
    private static RenewalFigures renewal(SubscriptionRenewalStatus status, String refunded) {
        return new RenewalFigures(status, new BigDecimal("30.00"), new BigDecimal(refunded), SOLD);
    }

    private static Sale sale(SaleStatus status, String total, String discount) {
        return new Sale(status, new BigDecimal(total), new BigDecimal(discount), new BigDecimal("0.00"), false);
    }

    /** A sale's figures, sold at {@link #SOLD}. */
    private record Sale(SaleStatus status, BigDecimal total, BigDecimal discount, BigDecimal refunded, boolean hasUpsell) {
        Sale upsell() {
            return new Sale(status, total, discount, refunded, true);
        }

        Sale refunded(String amount) {
            return new Sale(status, total, discount, new BigDecimal(amount), hasUpsell);
        }

        SaleFigures figures() {
            return new SaleFigures(status, total, discount, refunded, SOLD, hasUpsell);
        }

        @Override
        public String toString() {
            return status.wire() + " " + total;
        }
    }

    private static Delta delta() {
        return new Delta();
    }

    /** An expected delta: zero except what is set. */
    private static final class Delta {
        private final LifetimeValueDelta.Builder b = new LifetimeValueDelta.Builder();

        Delta sales(int n) { b.numSale = n; return this; }
        Delta success(int n) { b.numSuccessSale = n; return this; }
        Delta pendingDeclined(int n) { b.numPendingDeclinedSale = n; return this; }
        Delta pendingAbandoned(int n) { b.numPendingAbandonedSale = n; return this; }
        Delta failedDeclined(int n) { b.numFailedDeclinedSale = n; return this; }
        Delta voided(int n) { b.numVoidSale = n; return this; }
        Delta upsell(int n) { b.numUpsellSale = n; return this; }
        Delta gross(String a) { b.saleGross = new BigDecimal(a); return this; }
        Delta discounted(String a) { b.discounted = new BigDecimal(a); return this; }
        Delta refunded(String a) { b.refunded = new BigDecimal(a); return this; }
        Delta remaining(String a) { b.remaining = new BigDecimal(a); return this; }
        Delta salvage(String a) { b.amountToSalvage = new BigDecimal(a); return this; }
        Delta chargebacks(int n, String a) { b.numChargeback = n; b.chargebackAmount = new BigDecimal(a); return this; }
        Delta fraudDetections(int n) { b.numFraudDetection = n; return this; }
        Delta paypalDisputes(int n, String a) { b.numPaypalDispute = n; b.paypalDisputeAmount = new BigDecimal(a); return this; }
        Delta renewals(int all, int success, int overdue) {
            b.numRenewal = all; b.numSuccessRenewal = success; b.numOverdueRenewal = overdue; return this;
        }
        Delta renewalGross(String a) { b.renewalGross = new BigDecimal(a); return this; }
        Delta renewedAt(Instant at) { b.gainedRenewalAt = at; return this; }
        Delta subscriptions(int active, int trial, int overdue, int occurrenceLimit, int suspended, int cancelled) {
            b.numActiveSubscription = active; b.numTrialSubscription = trial; b.numOverdueSubscription = overdue;
            b.numOccurrenceLimitSubscription = occurrenceLimit; b.numSuspendedSubscription = suspended;
            b.numCancelledSubscription = cancelled;
            return this;
        }
        Delta gained(Instant at) { b.gainedSaleAt = at; return this; }
        Delta lost(Instant at) { b.lostSaleAt = at; return this; }

        LifetimeValueDelta build() {
            return b.build();
        }

        @Override
        public String toString() {
            return build().toString();
        }
    }

    private static LifetimeValueDelta sum(LifetimeValueDelta... deltas) {
        LifetimeValueDelta.Builder s = new LifetimeValueDelta.Builder();
        for (LifetimeValueDelta d : deltas) {
            s.numSale += d.numSale();
            s.numSuccessSale += d.numSuccessSale();
            s.numPendingDeclinedSale += d.numPendingDeclinedSale();
            s.numPendingAbandonedSale += d.numPendingAbandonedSale();
            s.numFailedDeclinedSale += d.numFailedDeclinedSale();
            s.numVoidSale += d.numVoidSale();
            s.numUpsellSale += d.numUpsellSale();
            s.saleGross = s.saleGross.add(d.saleGross());
            s.discounted = s.discounted.add(d.discounted());
            s.refunded = s.refunded.add(d.refunded());
            s.remaining = s.remaining.add(d.remaining());
            s.amountToSalvage = s.amountToSalvage.add(d.amountToSalvage());
            s.numRenewal += d.numRenewal();
            s.numSuccessRenewal += d.numSuccessRenewal();
            s.numOverdueRenewal += d.numOverdueRenewal();
            s.renewalGross = s.renewalGross.add(d.renewalGross());
            if (d.gainedSaleAt() != null) s.gainedSaleAt = d.gainedSaleAt();
            if (d.gainedRenewalAt() != null) s.gainedRenewalAt = d.gainedRenewalAt();
        }
        return s.build();
    }
}
