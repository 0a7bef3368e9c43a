package io.clientele.cli;

import io.clientele.Clientele;
import io.clientele.operation.Caller;
import io.clientele.platform.Actor;
import io.clientele.platform.Database;
import io.clientele.platform.Origin;
import io.clientele.tenant.Tenants;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./clientele demo}: a new tenant filled with synthetic history (CONTRACT.md), while serve is stopped.
 * The summary goes to standard output and ends with {@code api_key: <key>}; progress goes to standard error.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Create a tenant filled with realistic synthetic history, and print its API key.",
        footer = {"", "Opens the database like serve, so run it while serve is stopped (an embedded data dir serves one",
                "process at a time), then start serve and use the key. The same seed gives the same customers, products,",
                "sales and amounts. The last line is 'api_key: <key>'."})
public final class DemoCommand implements Callable<Integer> {
    @Option(names = "--customers", defaultValue = "" + DemoHistory.DEFAULT_CUSTOMERS,
            description = "How many customers (default: ${DEFAULT-VALUE}).")
    int customers;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the synthetic history (default: ${DEFAULT-VALUE}).")
    long seed;

    @Mixin
    DatabaseOptions database;

    @Spec
    CommandSpec spec;

    Clock clock = Clock.systemUTC();

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (customers < 1 || customers > 1_000_000) {
            err.println("clientele demo: --customers must be from 1 to 1000000 (got " + customers + ").");
            return 2;
        }
        Database.Options options = database.toOptions();
        if (!options.external() && Database.embeddedInUse(database.dataDir())) {
            err.println(inUse());
            return 2;
        }
        if (options.external() && System.getenv("CLIENTELE_APP_DB_PASSWORD") == null) {
            err.println("clientele demo: with an external database, set CLIENTELE_APP_DB_PASSWORD, the same value serve uses"
                    + " there. Without it, demo would give the clientele_app role a new password and lock serve out.");
            return 2;
        }
        LocalSecret auditKey = LocalSecret.auditKey(database.dataDir());
        Clientele app;
        try {
            app = Clientele.startWithoutHttp(options, auditKey.value(), 0, clock);
        } catch (RuntimeException e) {
            err.println(!options.external() && Database.embeddedInUse(database.dataDir()) ? inUse()
                    : "clientele demo: could not open the database: " + e.getMessage());
            return 1;
        }
        try (app) {
            DemoHistory history = new DemoHistory(seed, customers, clock);
            Tenants.NewTenant tenant = app.tenants().createTenant("Demo shop (seed " + seed + ")");
            Tenants.KeyOwner owner = app.tenants().authenticate(tenant.apiKey()).orElseThrow();
            Caller caller = new Caller(owner.tenant(), new Actor(Actor.API_KEY, owner.apiKeyId()), owner.scopes(), Origin.NONE);
            err.println("Filling a new tenant in " + app.database().description() + " with " + customers
                    + " customers and their history (seed " + seed + ")...");
            err.flush();
            DemoHistory.Summary s;
            // One log line per call would bury the progress bar; warnings and errors still show.
            try (var quiet = BenchHost.RequestLogLevel.set(false); ProgressBar bar = bar(history.steps())) {
                s = history.load(app.executor(), caller, bar::stepBy);
            }
            app.sealer().seal(owner.tenant());
            out.println();
            out.println("Demo tenant " + s.tenantId() + " (seed " + seed + "):");
            out.println("  customers         " + s.customers());
            out.println("  catalogue         " + s.products() + " products in " + s.productGroups() + " groups, "
                    + s.campaigns() + " campaigns, " + s.shops() + " third-party shops");
            out.println("  sales             " + s.sales() + " " + s.salesByStatus());
            out.println("  refunds           " + s.refunds() + " (" + s.refunded().toPlainString() + ")");
            out.println("  paid              " + s.paid().toPlainString() + " in successful sales");
            out.println("  subscriptions     " + s.subscriptions() + " " + s.subscriptionsByStatus());
            out.println("  renewals          " + s.renewals() + " " + s.renewalsByStatus() + ", " + s.salvagedRenewals()
                    + " salvaged after failing");
            out.println("  shipments         " + s.shipments() + " " + s.shipmentsByStatus());
            out.println("  chargebacks       " + s.chargebacks() + " (" + s.chargedBack().toPlainString() + ")");
            out.println("  fraud detections  " + s.fraudDetections());
            out.println("  notes             " + s.notes() + " support notes");
            out.println("Start the service (./clientele serve) and call it with this key, e.g. GetCustomers.");
            out.println("api_key: " + tenant.apiKey());
            out.flush();
            return 0;
        }
    }

    private static ProgressBar bar(long max) {
        return new ProgressBarBuilder()
                .setTaskName("Loading")
                .setInitialMax(max)
                .setStyle(ProgressBarStyle.ASCII)
                .setConsumer(new ConsoleProgressBarConsumer(System.err))
                .setUpdateIntervalMillis(500)
                .build();
    }

    private String inUse() {
        return "clientele demo: the embedded database in " + database.dataDir() + " is in use by another process (probably"
                + " ./clientele serve), and an embedded database serves one process at a time. Stop serve, run demo, then"
                + " start serve again.";
    }
}
