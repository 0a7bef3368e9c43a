package io.clientele;

import io.clientele.audit.AuditLog;
import io.clientele.audit.AuditSealer;
import io.clientele.audit.GetAuditLogOperation;
import io.clientele.audit.VerifyAuditLogOperation;
import io.clientele.commerce.CommerceFeature;
import io.clientele.customer.CustomerFeature;
import io.clientele.customer.ItemTypes;
import io.clientele.event.Events;
import io.clientele.operation.Caller;
import io.clientele.operation.OperationExecutor;
import io.clientele.operation.OperationRegistry;
import io.clientele.operation.RateLimiter;
import io.clientele.operation.RestApi;
import io.clientele.platform.Actor;
import io.clientele.platform.Database;
import io.clientele.platform.Json;
import io.clientele.platform.Transactions;
import io.clientele.tenant.AdminApi;
import io.clientele.tenant.Tenants;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The composition root: builds every feature on one database, registers their operations in the one
 * registry, and serves the HTTP surfaces. Nothing else constructs features.
 */
public final class Clientele implements AutoCloseable {
    public static final String VERSION = "0.1.0";

    /**
     * Settings of a running instance. {@code port} 0 picks a free port; {@code auditKey} keys the audit
     * chain (at least 32 characters, the same for the life of the data); {@code rateLimitPerSecond} 0 is none.
     */
    public record Settings(String host, int port, String adminToken, String auditKey, double rateLimitPerSecond,
                           boolean checkOutputs) {}

    private final Database database;
    private final boolean ownsDatabase;
    private final AuditSealer sealer;
    private final OperationExecutor executor;
    private final Tenants tenants;
    private final Javalin http;

    private Clientele(Database database, boolean ownsDatabase, Settings settings, Clock clock) {
        this.database = database;
        this.ownsDatabase = ownsDatabase;
        Transactions transactions = new Transactions(database.jdbi(), clock);
        PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        this.sealer = new AuditSealer(database.ownerDataSource(),
                settings.auditKey().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        AuditLog audit = new AuditLog(sealer);
        Events events = new Events();
        ItemTypes itemTypes = new ItemTypes();
        CustomerFeature customers = new CustomerFeature(events, audit, itemTypes);
        CommerceFeature commerce = new CommerceFeature(events, audit, itemTypes, customers.customers());

        List<String> auditedTypes = new ArrayList<>(itemTypes.names());
        auditedTypes.add("note");
        auditedTypes.addAll(CommerceFeature.AUDITED_ITEM_TYPES);
        OperationRegistry registry = new OperationRegistry()
                .registerAll(customers.operations())
                .registerAll(commerce.operations())
                .register(new GetAuditLogOperation(audit, auditedTypes))
                .register(new VerifyAuditLogOperation(sealer));
        this.tenants = new Tenants(transactions);
        this.executor = new OperationExecutor(registry, transactions, meters,
                settings.rateLimitPerSecond() > 0 ? new RateLimiter(settings.rateLimitPerSecond()) : RateLimiter.unlimited(),
                settings.checkOutputs());

        RestApi rest = new RestApi(executor, (token, origin) -> tenants.authenticate(token)
                .map(owner -> new Caller(owner.tenant(), new Actor(Actor.API_KEY, owner.apiKeyId()), owner.scopes(), origin)),
                clock, VERSION);
        AdminApi admin = new AdminApi(tenants, settings.adminToken(), clock);
        this.http = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.concurrency.useVirtualThreads = true;
            config.http.maxRequestSize = 2L * RestApi.MAX_BODY_BYTES;
            config.jetty.host = settings.host();
            config.jetty.port = settings.port();
            config.jsonMapper(new JavalinJackson(Json.MAPPER, true));
            config.routes.get("/health", ctx -> {
                boolean up = database.isUp();
                ctx.status(up ? 200 : 503).json(Json.object().put("status", up ? "ok" : "database unavailable"));
            });
            config.routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4").result(meters.scrape()));
            rest.routes(config);
            admin.routes(config);
        });
        sealer.start();
        http.start();
    }

    /** Starts on a database of its own, closed with the instance. */
    public static Clientele start(Database.Options db, Settings settings, Clock clock) {
        Database database = Database.open(db);
        try {
            return new Clientele(database, true, settings, clock);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    /** Starts on a database that outlives the instance (tests share one per JVM). */
    public static Clientele startOn(Database database, Settings settings, Clock clock) {
        return new Clientele(database, false, settings, clock);
    }

    public int port() {
        return http.port();
    }

    public OperationExecutor executor() {
        return executor;
    }

    public Tenants tenants() {
        return tenants;
    }

    public Database database() {
        return database;
    }

    public AuditSealer sealer() {
        return sealer;
    }


    @Override
    public void close() {
        http.stop();
        sealer.close();
        if (ownsDatabase) database.close();
    }
}
