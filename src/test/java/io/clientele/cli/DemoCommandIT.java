package io.clientele.cli;

import static io.clientele.testing.Nodes.amount;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.clientele.Clientele;
import io.clientele.Main;
import io.clientele.operation.Caller;
import io.clientele.platform.Actor;
import io.clientele.platform.Json;
import io.clientele.platform.Origin;
import io.clientele.testing.Api;
import io.clientele.testing.TestServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** ./clientele demo: a tenant with deterministic synthetic history, loaded through the operations. */
class DemoCommandIT {
    private final Clientele app = TestServer.shared();
    private final Api api = TestServer.api();

    @Test
    void theSameSeedLoadsTheSameCustomersSalesAndAmounts() throws Exception {
        Api.Tenant first = api.newTenant("Demo A");
        Api.Tenant second = api.newTenant("Demo B");

        DemoHistory.Summary a = load(first, 7, 30);
        DemoHistory.Summary b = load(second, 7, 30);

        assertThat(b).usingRecursiveComparison().ignoringFields("tenantId").isEqualTo(a);
        assertThat(profiles(second)).isEqualTo(profiles(first));
    }

    @Test
    void anotherSeedLoadsOtherCustomers() throws Exception {
        Api.Tenant first = api.newTenant("Demo C");
        Api.Tenant second = api.newTenant("Demo D");

        load(first, 7, 10);
        load(second, 8, 10);

        assertThat(profiles(second)).isNotEqualTo(profiles(first));
    }

    @Test
    void theHistoryHasEveryKindOfRecordAndLifetimeValuesTheRebuildAgreesWith() throws Exception {
        Api.Tenant shop = api.newTenant("Demo E");

        DemoHistory.Summary s = load(shop, 3, 200);

        assertThat(s.customers()).isEqualTo(200);
        assertThat(s.products()).isEqualTo(40);
        assertThat(s.salesByStatus()).containsKeys("paid", "pending_declined", "pending_abandoned", "failed_declined");
        assertThat(s.salesByStatus().get("paid")).isGreaterThan(s.sales() / 2);
        assertThat(s.refunds()).isPositive();
        assertThat(s.notes()).isPositive();
        assertThat(s.subscriptions()).isBetween(15, 60); // about 15% of 200 customers
        assertThat(s.subscriptionsByStatus()).containsKeys("active", "trial", "cancelled");
        assertThat(s.renewalsByStatus()).containsKeys("success", "failed");
        assertThat(s.renewalsByStatus().get("success")).isGreaterThan(s.renewals() * 3 / 4);
        assertThat(s.salvagedRenewals()).isPositive();
        assertThat(s.shipments()).isGreaterThan(s.salesByStatus().get("paid") / 2);
        assertThat(s.shipmentsByStatus()).containsKeys("delivered", "shipped");
        assertThat(s.shipmentsByStatus().get("delivered")).isGreaterThan(s.shipments() / 2);
        assertThat(s.chargebacks()).isLessThan(s.salesByStatus().get("paid") / 20);
        assertThat(s.fraudDetections()).isLessThan(s.customers() / 5);
        assertThat(shop.ok("GetProducts", Json.object().put("limit", 100)).body().path("products")).hasSize(40);
        int sales = 0;
        int subscriptions = 0;
        int shipments = 0;
        int chargebacks = 0;
        int frauds = 0;
        for (JsonNode p : profileNodes(shop)) {
            sales += p.at("/lifetime_value/num_sale").asInt();
            subscriptions += p.path("subscriptions").size();
            shipments += p.path("shipments").size();
            chargebacks += p.path("chargebacks").size();
            frauds += p.path("fraud_detections").size();
        }
        assertThat(sales).isEqualTo(s.sales());
        assertThat(subscriptions).isEqualTo(s.subscriptions());
        assertThat(shipments).isLessThanOrEqualTo(s.shipments()).isPositive(); // the profile shows the 10 newest of each
        assertThat(chargebacks).isEqualTo(s.chargebacks());
        assertThat(frauds).isEqualTo(s.fraudDetections());
        assertThat(shop.ok("RebuildLifetimeValues", Json.object()).body().path("rows_changed").asInt()).isZero();
    }

    @Test
    void theCommandFillsATenantOfTheDataDirAndEndsWithItsApiKey(@TempDir Path dataDir) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new Main()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err));

        int exit = cli.execute("demo", "--customers", "15", "--seed", "11", "--data-dir", dataDir.toString());

        assertThat(exit).as(err.toString()).isZero();
        List<String> lines = out.toString().lines().toList();
        assertThat(lines.getLast()).matches("api_key: ck_\\S+");
        assertThat(lines).anyMatch(l -> l.matches("\\s*customers\\s+15"));
        assertThat(Files.exists(dataDir.resolve("audit-key"))).isTrue();
    }

    @Test
    void theCommandRefusesAnEmbeddedDataDirAnotherProcessHasOpen(@TempDir Path dataDir) throws Exception {
        Files.createDirectories(dataDir.resolve("postgres"));
        Files.writeString(dataDir.resolve("postgres/postmaster.pid"), ProcessHandle.current().pid() + "\n");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new Main()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err));

        int exit = cli.execute("demo", "--customers", "5", "--data-dir", dataDir.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("in use by another process", "Stop serve");
        assertThat(out.toString()).doesNotContain("api_key:");
    }

    @Test
    void defaultsAreAThousandCustomersAndSeed42() {
        CommandLine.ParseResult parsed = new CommandLine(new Main()).parseArgs("demo");
        DemoCommand demo = (DemoCommand) parsed.subcommand().commandSpec().userObject();

        assertThat(demo.customers).isEqualTo(1_000);
        assertThat(demo.seed).isEqualTo(42);
    }

    private DemoHistory.Summary load(Api.Tenant tenant, long seed, int customers) throws InterruptedException {
        var owner = app.tenants().authenticate(tenant.apiKey()).orElseThrow();
        Caller caller = new Caller(owner.tenant(), new Actor(Actor.API_KEY, owner.apiKeyId()), owner.scopes(), Origin.NONE);
        return new DemoHistory(seed, customers, Clock.systemUTC()).load(app.executor(), caller, n -> {});
    }

    /** Each customer's name, email, lifetime value and products, sorted: what a seed decides, without ids. */
    private static List<String> profiles(Api.Tenant tenant) {
        List<String> out = new ArrayList<>();
        for (JsonNode p : profileNodes(tenant)) {
            JsonNode c = p.path("customer");
            StringBuilder line = new StringBuilder(c.path("first_name").asText() + " " + c.path("last_name").asText() + " <"
                    + c.path("email").asText() + "> sales " + p.at("/lifetime_value/num_sale").asInt() + " net "
                    + amount(p.at("/lifetime_value/net")) + " refunded " + amount(p.at("/lifetime_value/refunded"))
                    + " notes " + p.at("/notes/latest").findValuesAsText("text") + " metadata " + p.path("metadata").findValuesAsText("name") + p.path("metadata").findValuesAsText("value"));
            for (JsonNode sale : p.path("recent_sales")) {
                line.append(" | ").append(sale.path("external_id").asText()).append(' ').append(sale.path("status").asText())
                        .append(' ').append(amount(sale.path("total")));
            }
            for (JsonNode s : p.path("subscriptions")) {
                line.append(" | sub ").append(s.path("status").asText()).append(' ').append(amount(s.path("price")))
                        .append('/').append(s.path("interval_unit").asText()).append(" from ").append(s.path("started_at").asText())
                        .append(" renewals ").append(s.path("renewals").findValuesAsText("status"));
            }
            for (JsonNode s : p.path("shipments")) {
                line.append(" | ship ").append(s.path("tracking_number").asText()).append(' ').append(s.path("status").asText());
            }
            line.append(" | chargebacks ").append(p.path("chargebacks").findValuesAsText("reason"))
                    .append(" fraud ").append(p.path("fraud_detections").findValuesAsText("score"));
            out.add(line.toString());
        }
        Collections.sort(out);
        return out;
    }

    private static List<JsonNode> profileNodes(Api.Tenant tenant) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode c : tenant.ok("GetCustomers", Json.object().put("limit", 200)).body().path("customers")) {
            out.add(tenant.ok("GetCustomer", Json.object().put("customer_id", c.path("customer_id").asText())).body());
        }
        return out;
    }
}
