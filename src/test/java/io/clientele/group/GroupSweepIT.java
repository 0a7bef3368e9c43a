package io.clientele.group;

import static io.clientele.group.GroupFixtures.create;
import static io.clientele.group.GroupFixtures.groupId;
import static io.clientele.group.GroupFixtures.range;
import static io.clientele.group.GroupFixtures.values;
import static io.clientele.group.GroupFixtures.valuesGroup;
import static io.clientele.testing.Nodes.texts;
import static io.clientele.testing.Requests.customer;
import static io.clientele.testing.SaleBuilder.aSale;
import static io.clientele.testing.SaleBuilder.product;
import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.Clientele;
import io.clientele.platform.TenantId;
import io.clientele.testing.Api;
import io.clientele.testing.TenantRows;
import io.clientele.testing.TestServer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Day-counted qualifiers change with time alone: the hourly sweep and EvaluateCustomerGroups bring them current.
 * A server of its own with a clock the test moves.
 */
class GroupSweepIT {
    /** A clock the test sets; every transaction reads it. */
    static final class MovingClock extends Clock {
        private volatile Instant now = Instant.now();

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private static final MovingClock CLOCK = new MovingClock();
    private static final Clientele SERVER = TestServer.start(new Clientele.Settings("127.0.0.1", 0, TestServer.ADMIN_TOKEN,
            TestServer.AUDIT_KEY, 0, true), CLOCK);

    private final Api.Tenant shop = new Api(SERVER.port()).newTenant("Sweep Shop");
    private final TenantRows rows = TenantRows.of(shop);

    @AfterAll
    static void stop() {
        SERVER.close();
    }

    private List<String> groupsOf(String customerId) {
        return texts(shop.ok("GetCustomer", customer(customerId)).body().path("customer_groups"), "customer_group_id");
    }

    @Test
    void theSweepAddsCustomersWhoseDaysCameAndRemovesThoseWhoseDaysPassed() {
        String paver = product(shop, "20.00");
        String recent = create(shop, valuesGroup("Bought this month", values("days_last_sale", range(true, 1, 30))).put("enabled", true));
        String jane = shop.createCustomer();
        shop.ok("CreateSale", aSale().paid().by(jane).of(paver, 1).soldAt(CLOCK.instant()).build());
        assertThat(groupsOf(jane)).as("0 days since the sale: not yet in 1..30").isEmpty();

        CLOCK.advance(Duration.ofDays(2));
        int changed = SERVER.groupSweeper().sweep(new TenantId(shop.tenantId()), true);

        assertThat(changed).isEqualTo(1);
        assertThat(groupsOf(jane)).containsExactly(recent);
        TenantRows.EventRow added = rows.eventsOf(jane).getLast();
        assertThat(added.notation()).isEqualTo("customer.updated.customer_group.added");
        assertThat(added.actorKind()).isEqualTo("system");

        CLOCK.advance(Duration.ofDays(40));
        // Only this tenant: the database is shared with other suites, which this server's moved clock must not sweep.
        assertThat(SERVER.groupSweeper().sweep(new TenantId(shop.tenantId()), true)).isEqualTo(1);
        assertThat(groupsOf(jane)).isEmpty();
        assertThat(rows.eventsOf(jane).getLast().notation()).isEqualTo("customer.updated.customer_group.removed");

        assertThat(SERVER.groupSweeper().sweep(new TenantId(shop.tenantId()), true)).as("nothing changed since").isZero();
    }

    @Test
    void evaluateCustomerGroupsDoesItOnDemandAndSaysWhatChanged() {
        String settled = create(shop, valuesGroup("Customers for a week", values("days_since_created", range(true, 7, 99999)))
                .put("enabled", true));
        String jane = shop.createCustomer();
        assertThat(groupsOf(jane)).isEmpty();

        CLOCK.advance(Duration.ofDays(8));
        Api.Response evaluated = shop.ok("EvaluateCustomerGroups", groupId(settled));

        assertThat(evaluated.body().at("/groups/0/customer_group_id").asText()).isEqualTo(settled);
        assertThat(evaluated.body().at("/groups/0/added_count").asInt()).isEqualTo(1);
        assertThat(evaluated.body().at("/groups/0/removed_count").asInt()).isZero();
        assertThat(groupsOf(jane)).containsExactly(settled);
        assertThat(shop.ok("EvaluateCustomerGroups", com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode())
                .body().at("/groups/0/added_count").asInt()).isZero();
    }

    @Test
    void aDisabledGroupIsNotEvaluatedOnDemandEither() {
        String off = create(shop, valuesGroup("Off", values("days_since_created", range(true, 1, 99999))));

        Api.Response r = shop.call("EvaluateCustomerGroups", groupId(off));

        assertThat(r.status()).isEqualTo(409);
        assertThat(r.body().at("/error/message").asText()).contains("disabled");
    }
}
