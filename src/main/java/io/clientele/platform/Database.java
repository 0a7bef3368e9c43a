package io.clientele.platform;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL the application runs on: embedded (a real PostgreSQL 17 under {@code <data-dir>/postgres},
 * durable settings) or external ({@code --database-url}). Migrations run as the owner; the application
 * itself connects as {@value #APP_ROLE}, a role without BYPASSRLS that does not own the tables, so
 * row-level security applies to every query it makes.
 */
public final class Database implements AutoCloseable {
    public static final String APP_ROLE = "clientele_app";
    private static final Logger log = LoggerFactory.getLogger(Database.class);
    private static final String DATABASE_NAME = "clientele";

    private final EmbeddedPostgres embedded;
    private final HikariDataSource owner;
    private final HikariDataSource app;
    private final Jdbi jdbi;
    private final String description;

    private Database(EmbeddedPostgres embedded, HikariDataSource owner, HikariDataSource app, String description) {
        this.embedded = embedded;
        this.owner = owner;
        this.app = app;
        this.jdbi = Jdbi.create(app);
        this.description = description;
    }

    /**
     * Where to find or put the database. {@code databaseUrl} wins; otherwise embedded under {@code dataDir}.
     * {@code appPassword} is the password set for {@value #APP_ROLE}: null takes
     * {@code CLIENTELE_APP_DB_PASSWORD}, or a new random one when that is unset too.
     */
    public record Options(Path dataDir, String databaseUrl, int appPoolSize, String appPassword) {
        public Options(Path dataDir, String databaseUrl) {
            this(dataDir, databaseUrl, 16, null);
        }

        public Options(Path dataDir, String databaseUrl, int appPoolSize) {
            this(dataDir, databaseUrl, appPoolSize, null);
        }

        public boolean external() {
            return databaseUrl != null && !databaseUrl.isBlank();
        }
    }

    public static Database open(Options options) {
        try {
            if (options.external()) {
                JdbcTarget target = JdbcTarget.parse(options.databaseUrl());
                return connect(null, target, options, "external PostgreSQL at " + target.safeDescription());
            }
            Path pgDir = options.dataDir().toAbsolutePath().resolve("postgres");
            Files.createDirectories(pgDir);
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setDataDirectory(pgDir)
                    .setCleanDataDirectory(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    // zonky's defaults trade durability for speed; a customer database must survive a crash.
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on")
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("listen_addresses", "localhost")
                    .start();
            try {
                ensureDatabase(pg.getPostgresDatabase());
                JdbcTarget target = new JdbcTarget(pg.getJdbcUrl("postgres", DATABASE_NAME), "postgres", null);
                return connect(pg, target, options, "embedded PostgreSQL in " + pgDir);
            } catch (RuntimeException e) {
                pg.close();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL: " + e.getMessage(), e);
        }
    }

    /**
     * True when a PostgreSQL process is running on the embedded database under {@code dataDir} (its
     * {@code postmaster.pid} names a live process): another Clientele has it open, and a second one cannot.
     */
    public static boolean embeddedInUse(Path dataDir) {
        Path pidFile = dataDir.toAbsolutePath().resolve("postgres").resolve("postmaster.pid");
        try {
            if (!Files.exists(pidFile)) return false;
            String first = Files.readAllLines(pidFile).stream().findFirst().orElse("").strip();
            return ProcessHandle.of(Long.parseLong(first)).map(ProcessHandle::isAlive).orElse(false);
        } catch (IOException | NumberFormatException e) {
            return false;
        }
    }

    private static Database connect(EmbeddedPostgres pg, JdbcTarget target, Options options, String description) {
        int appPoolSize = options.appPoolSize();
        HikariDataSource owner = pool("clientele-owner", target.url(), target.user(), target.password(), 4);
        try {
            String appPassword = options.appPassword() != null ? options.appPassword()
                    : System.getenv().getOrDefault("CLIENTELE_APP_DB_PASSWORD", Ids.random(32));
            ensureAppRole(owner, appPassword);
            Flyway.configure()
                    .dataSource(owner)
                    .locations("classpath:db/migration")
                    .placeholders(Map.of("app_role", APP_ROLE))
                    .load()
                    .migrate();
            HikariDataSource app = pool("clientele-app", withoutCredentials(target.url()), APP_ROLE, appPassword, appPoolSize);
            return new Database(pg, owner, app, description);
        } catch (RuntimeException e) {
            owner.close();
            throw e;
        }
    }

    /**
     * The URL without {@code user}/{@code password} parameters. pgjdbc lets URL parameters override the
     * pool's credentials, so with zonky's {@code ?user=postgres} the app pool logged in as the superuser
     * and row-level security never applied.
     */
    static String withoutCredentials(String url) {
        int query = url.indexOf('?');
        if (query < 0) return url;
        String kept = java.util.Arrays.stream(url.substring(query + 1).split("&"))
                .filter(p -> !p.regionMatches(true, 0, "user=", 0, 5) && !p.regionMatches(true, 0, "password=", 0, 9))
                .collect(java.util.stream.Collectors.joining("&"));
        return url.substring(0, query) + (kept.isEmpty() ? "" : "?" + kept);
    }

    private static HikariDataSource pool(String name, String url, String user, String password, int size) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(name);
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(Math.min(2, size));
        config.setAutoCommit(true);
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        config.addDataSourceProperty("ApplicationName", name);
        return new HikariDataSource(config);
    }

    private static void ensureDatabase(DataSource postgres) {
        try (Connection c = postgres.getConnection(); var st = c.createStatement()) {
            var rs = st.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE_NAME + "'");
            if (!rs.next()) st.execute("CREATE DATABASE " + DATABASE_NAME);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create the database: " + e.getMessage(), e);
        }
    }

    /**
     * The app role is created (without superuser, BYPASSRLS or ownership of anything) or its password
     * reset, by the owner at every start; then its attributes are checked, so a role someone widened by
     * hand stops the start rather than silently bypassing row-level security. Needs CREATEROLE.
     */
    private static void ensureAppRole(DataSource owner, String password) {
        try (Connection c = owner.getConnection(); var st = c.createStatement()) {
            st.execute("""
                    DO $$ BEGIN
                      IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '%s') THEN
                        CREATE ROLE %s LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
                      END IF;
                    END $$""".formatted(APP_ROLE, APP_ROLE));
            st.execute("ALTER ROLE " + APP_ROLE + " WITH LOGIN PASSWORD '" + password.replace("'", "''") + "'");
            var rs = st.executeQuery("SELECT rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = '" + APP_ROLE + "'");
            if (rs.next() && rs.getBoolean(1)) {
                throw new IllegalStateException("The " + APP_ROLE + " role is a superuser or has BYPASSRLS, which would switch"
                        + " off tenant isolation. Run: ALTER ROLE " + APP_ROLE + " NOSUPERUSER NOBYPASSRLS;");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not prepare the " + APP_ROLE + " role (the database user needs CREATEROLE): "
                    + e.getMessage(), e);
        }
    }

    /** The application's handle on the database: the non-owner role, subject to row-level security. */
    public Jdbi jdbi() {
        return jdbi;
    }

    /** The owner's pool, for maintenance that must not run as the app role (audit sealing). */
    public DataSource ownerDataSource() {
        return owner;
    }


    /**
     * Refreshes the planner's statistics of every table, as the owner. A bench runs it after a bulk load:
     * until autovacuum's first ANALYZE, plans for a table that grew fast are made for the table it was.
     */
    public void analyze() {
        try (Connection c = owner.getConnection(); var statement = c.createStatement()) {
            statement.execute("ANALYZE");
        } catch (SQLException e) {
            throw new IllegalStateException("ANALYZE failed: " + e.getMessage(), e);
        }
    }

    /** Server version and the durability settings in force, e.g. for benchmark reports. */
    public String settingsSummary() {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT 'PostgreSQL ' || current_setting('server_version') || ', fsync=' || current_setting('fsync')
                               || ', synchronous_commit=' || current_setting('synchronous_commit')""")
                .mapTo(String.class).one());
    }

    public String description() {
        return description;
    }

    public boolean isUp() {
        try (Connection c = app.getConnection()) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public void close() {
        app.close();
        owner.close();
        if (embedded != null) {
            try {
                embedded.close();
            } catch (IOException e) {
                log.warn("Embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
            }
        }
    }

    /** A JDBC URL and credentials, from either {@code postgresql://user:pass@host/db} or a {@code jdbc:} URL. */
    record JdbcTarget(String url, String user, String password) {
        static JdbcTarget parse(String raw) {
            if (raw.startsWith("jdbc:")) {
                return new JdbcTarget(raw, null, null);
            }
            URI uri = URI.create(raw.replaceFirst("^postgres(ql)?://", "http://"));
            String user = null;
            String password = null;
            if (uri.getRawUserInfo() != null) {
                String[] parts = uri.getRawUserInfo().split(":", 2);
                user = java.net.URLDecoder.decode(parts[0], java.nio.charset.StandardCharsets.UTF_8);
                if (parts.length > 1) password = java.net.URLDecoder.decode(parts[1], java.nio.charset.StandardCharsets.UTF_8);
            }
            int port = uri.getPort() < 0 ? 5432 : uri.getPort();
            String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
            return new JdbcTarget("jdbc:postgresql://" + uri.getHost() + ":" + port + uri.getRawPath() + query, user, password);
        }

        /**
         * The URL without {@code user} and {@code password} parameters. The driver lets URL parameters
         * override the pool's credentials, and the embedded URL carries {@code user=postgres}: left in,
         * the app pool would log in as the superuser and row-level security would not apply.
         */
        String safeDescription() {
            return url.replaceAll("password=[^&]*", "password=***");
        }
    }
}
