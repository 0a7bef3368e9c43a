package io.clientele;

import io.clientele.audit.AuditLog;
import io.clientele.audit.AuditSealer;
import io.clientele.audit.GetAuditLogOperation;
import io.clientele.audit.VerifyAuditLogOperation;
import io.clientele.commerce.CommerceFeature;
import io.clientele.customer.CustomerFeature;
import io.clientele.customer.ItemTypes;
import io.clientele.customer.ProfileSections;
import io.clientele.event.Events;
import io.clientele.group.GroupFeature;
import io.clientele.group.GroupSweeper;
import io.clientele.mcp.McpHttp;
import io.clientele.mcp.McpStdio;
import io.clientele.operation.Authenticator;
import io.clientele.operation.Caller;
import io.clientele.operation.IdempotencyKeySweeper;
import io.clientele.operation.OperationExecutor;
import io.clientele.operation.OperationRegistry;
import io.clientele.operation.RateLimiter;
import io.clientele.operation.RestApi;
import io.clientele.platform.Actor;
import io.clientele.platform.Database;
import io.clientele.platform.Json;
import io.clientele.platform.Origin;
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
import java.util.Optional;

/**
 * The composition root: builds every feature on one database, registers their operations in the one
 * registry, and serves the HTTP surfaces. Nothing else constructs features.
 */
public final class Clientele implements AutoCloseable {
    public static final String VERSION = "0.1.0";

    /**
     * Settings of a running instance. {@code port} 0 picks a free port; {@code auditKey} keys the audit
     * chain (at least 32 characters, the same for the life of the data); {@code rateLimitPerSecond} 0 is none;
     * {@code mcpAllowedHosts} are the names besides loopback (and {@code host}) that MCP clients may reach
     * {@code /mcp} by, in their Host and Origin headers.
     */
    public record Settings(String host, int port, String adminToken, String auditKey, double rateLimitPerSecond,
                           boolean checkOutputs, List<String> mcpAllowedHosts) {
        public Settings {
            mcpAllowedHosts = List.copyOf(mcpAllowedHosts);
        }

        public Settings(String host, int port, String adminToken, String auditKey, double rateLimitPerSecond,
                        boolean checkOutputs) {
            this(host, port, adminToken, auditKey, rateLimitPerSecond, checkOutputs, List.of());
        }
    }

    private final Database database;
    private final boolean ownsDatabase;
    private final AuditSealer sealer;
    private final IdempotencyKeySweeper idempotencyKeys;
    private final GroupSweeper groupSweeper;
    private final OperationExecutor executor;
    private final Tenants tenants;
    private final McpHttp mcp;
    private final Javalin http;

    /** @param serveHttp false for a process that brings its own transport (MCP over stdio) */
    private Clientele(Database database, boolean ownsDatabase, Settings settings, Clock clock, boolean serveHttp) {
        this.database = database;
        this.ownsDatabase = ownsDatabase;
        Transactions transactions = new Transactions(database.jdbi(), clock);
        PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        this.sealer = new AuditSealer(database.ownerDataSource(),
                settings.auditKey().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        AuditLog audit = new AuditLog(sealer);
        Events events = new Events();
        ItemTypes itemTypes = new ItemTypes();
        ProfileSections profile = new ProfileSections();
        CustomerFeature customers = new CustomerFeature(events, audit, itemTypes, profile);
        CommerceFeature commerce = new CommerceFeature(events, audit, itemTypes, profile, customers.customers());
        GroupFeature groups = new GroupFeature(events, audit, customers, commerce.catalogue(), profile);

        List<String> auditedTypes = new ArrayList<>(itemTypes.names());
        auditedTypes.add("note");
        auditedTypes.addAll(CommerceFeature.AUDITED_ITEM_TYPES);
        auditedTypes.addAll(GroupFeature.AUDITED_ITEM_TYPES);
        OperationRegistry registry = new OperationRegistry()
                .registerAll(customers.operations())
                .registerAll(commerce.operations())
                .registerAll(groups.operations())
                .register(new GetAuditLogOperation(audit, auditedTypes))
                .register(new VerifyAuditLogOperation(sealer));
        this.tenants = new Tenants(transactions);
        this.executor = new OperationExecutor(registry, transactions, meters,
                settings.rateLimitPerSecond() > 0 ? new RateLimiter(settings.rateLimitPerSecond()) : RateLimiter.unlimited(),
                settings.checkOutputs());

        this.idempotencyKeys = new IdempotencyKeySweeper(database.ownerDataSource(), clock);
        this.groupSweeper = groups.sweeper(database.ownerDataSource(), transactions);
        sealer.start();
        idempotencyKeys.start();
        groupSweeper.start();
        if (!serveHttp) {
            this.mcp = null;
            this.http = null;
            return;
        }
        try {
            RestApi rest = new RestApi(executor, authenticator(Actor.API_KEY), clock, VERSION);
            this.mcp = new McpHttp(executor, authenticator(Actor.MCP), mcpHosts(settings), VERSION);
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
                mcp.mount(config);
            });
            http.start();
        } catch (RuntimeException e) {
            sealer.close();
            idempotencyKeys.close();
            groupSweeper.close();
            throw e;
        }
    }

    /** API keys as callers of one actor kind: {@code api_key} through REST, {@code mcp} through MCP. */
    private Authenticator authenticator(String actorKind) {
        return (token, origin) -> tenants.authenticate(token)
                .map(owner -> new Caller(owner.tenant(), new Actor(actorKind, owner.apiKeyId()), owner.scopes(), origin));
    }

    /** The configured MCP hosts, plus the address the service listens on unless it is a wildcard. */
    private static List<String> mcpHosts(Settings settings) {
        List<String> hosts = new ArrayList<>(settings.mcpAllowedHosts());
        String host = settings.host();
        if (host != null && !host.isBlank() && !host.equals("0.0.0.0") && !host.equals("::") && !host.equals("[::]")) {
            hosts.add(host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host);
        }
        return hosts;
    }

    /** Starts on a database of its own, closed with the instance. */
    public static Clientele start(Database.Options db, Settings settings, Clock clock) {
        Database database = Database.open(db);
        try {
            return new Clientele(database, true, settings, clock, true);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    /** Starts on a database that outlives the instance (tests share one per JVM). */
    public static Clientele startOn(Database database, Settings settings, Clock clock) {
        return new Clientele(database, false, settings, clock, true);
    }

    /**
     * Starts on a database of its own without HTTP, for MCP over stdio: everything a call needs (executor,
     * audit sealing) and nothing that listens.
     */
    public static Clientele startWithoutHttp(Database.Options db, String auditKey, double rateLimitPerSecond, Clock clock) {
        Database database = Database.open(db);
        try {
            return new Clientele(database, true, new Settings(null, 0, null, auditKey, rateLimitPerSecond, false), clock, false);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    /** MCP over stdio as the tenant of {@code apiKey} (actor kind {@code mcp}); empty when the key is not valid. */
    public Optional<McpStdio> mcpStdio(String apiKey) {
        return authenticator(Actor.MCP).authenticate(apiKey, Origin.NONE).map(caller -> new McpStdio(executor, caller, VERSION));
    }

    public int port() {
        if (http == null) throw new IllegalStateException("this instance serves no HTTP");
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

    public IdempotencyKeySweeper idempotencyKeys() {
        return idempotencyKeys;
    }

    public GroupSweeper groupSweeper() {
        return groupSweeper;
    }


    @Override
    public void close() {
        if (http != null) http.stop();
        if (mcp != null) mcp.close();
        sealer.close();
        idempotencyKeys.close();
        groupSweeper.close();
        if (ownsDatabase) database.close();
    }
}
