package io.clientele.commerce.internal;

import static io.clientele.commerce.SaleStatus.FAILED_DECLINED;
import static io.clientele.commerce.SaleStatus.PAID;
import static io.clientele.commerce.SaleStatus.PARTIALLY_REFUNDED;
import static io.clientele.commerce.SaleStatus.PENDING_ABANDONED;
import static io.clientele.commerce.SaleStatus.PENDING_DECLINED;
import static io.clientele.commerce.SaleStatus.REFUNDED;
import static io.clientele.commerce.SaleStatus.VOID;
import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.commerce.SaleStatus;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The delta of one sale's change, case by case: every creation status, every transition, refunds; and of
 * each chargeback, fraud detection and PayPal dispute.
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
        private int sales, success, pendingDeclined, pendingAbandoned, failedDeclined, voided, upsell;
        private BigDecimal gross = zero(), discounted = zero(), refunded = zero(), remaining = zero(), salvage = zero();
        private int chargebacks, fraudDetections, paypalDisputes;
        private BigDecimal chargedBack = zero(), disputed = zero();
        private Instant gained, lost;

        Delta sales(int n) { sales = n; return this; }
        Delta success(int n) { success = n; return this; }
        Delta pendingDeclined(int n) { pendingDeclined = n; return this; }
        Delta pendingAbandoned(int n) { pendingAbandoned = n; return this; }
        Delta failedDeclined(int n) { failedDeclined = n; return this; }
        Delta voided(int n) { voided = n; return this; }
        Delta upsell(int n) { upsell = n; return this; }
        Delta gross(String a) { gross = new BigDecimal(a); return this; }
        Delta discounted(String a) { discounted = new BigDecimal(a); return this; }
        Delta refunded(String a) { refunded = new BigDecimal(a); return this; }
        Delta remaining(String a) { remaining = new BigDecimal(a); return this; }
        Delta salvage(String a) { salvage = new BigDecimal(a); return this; }
        Delta chargebacks(int n, String a) { chargebacks = n; chargedBack = new BigDecimal(a); return this; }
        Delta fraudDetections(int n) { fraudDetections = n; return this; }
        Delta paypalDisputes(int n, String a) { paypalDisputes = n; disputed = new BigDecimal(a); return this; }
        Delta gained(Instant at) { gained = at; return this; }
        Delta lost(Instant at) { lost = at; return this; }

        LifetimeValueDelta build() {
            return new LifetimeValueDelta(sales, success, pendingDeclined, pendingAbandoned, failedDeclined, voided, upsell,
                    gross, discounted, refunded, remaining, salvage, chargebacks, chargedBack, fraudDetections, paypalDisputes,
                    disputed, gained, lost);
        }

        @Override
        public String toString() {
            return build().toString();
        }

        private static BigDecimal zero() {
            return new BigDecimal("0.00");
        }
    }

    private static LifetimeValueDelta sum(LifetimeValueDelta... deltas) {
        LifetimeValueDelta s = LifetimeValueDelta.NONE;
        for (LifetimeValueDelta d : deltas) {
            s = new LifetimeValueDelta(s.numSale() + d.numSale(), s.numSuccessSale() + d.numSuccessSale(),
                    s.numPendingDeclinedSale() + d.numPendingDeclinedSale(),
                    s.numPendingAbandonedSale() + d.numPendingAbandonedSale(),
                    s.numFailedDeclinedSale() + d.numFailedDeclinedSale(), s.numVoidSale() + d.numVoidSale(),
                    s.numUpsellSale() + d.numUpsellSale(), s.saleGross().add(d.saleGross()),
                    s.discounted().add(d.discounted()), s.refunded().add(d.refunded()), s.remaining().add(d.remaining()),
                    s.amountToSalvage().add(d.amountToSalvage()), s.numChargeback() + d.numChargeback(),
                    s.chargebackAmount().add(d.chargebackAmount()), s.numFraudDetection() + d.numFraudDetection(),
                    s.numPaypalDispute() + d.numPaypalDispute(), s.paypalDisputeAmount().add(d.paypalDisputeAmount()),
                    d.gainedSaleAt() != null ? d.gainedSaleAt() : s.gainedSaleAt(), null);
        }
        return s;
    }
}
