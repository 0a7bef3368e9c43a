package io.clientele.tenant;

import static io.clientele.testing.Requests.customer;
import static io.clientele.testing.Requests.note;
import static io.clientele.testing.Requests.setMetadata;
import static io.clientele.testing.SqlErrors.sqlState;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clientele.platform.Database;
import io.clientele.platform.Json;
import io.clientele.testing.Api;
import io.clientele.testing.Owner;
import io.clientele.testing.TenantRows;
import io.clientele.testing.TestDatabase;
import io.clientele.testing.TestServer;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Row-level security, the second lock, checked in the database itself with the application's own
 * connection pool: no tenant set means no rows, a tenant sees only its rows, and cannot write others'.
 */
class RowLevelSecurityIT {
    private static final List<String> TENANT_TABLES = List.of("tenant", "api_key", "api_call", "event", "event_sequence",
            "audit_log", "customer", "metadata", "note", "product_group", "product", "campaign", "third_party_shop",
            "sale", "product_sale", "sale_transaction", "refund", "lifetime_value", "chargeback", "paypal_dispute",
            "fraud_detection", "subscription", "subscription_renewal", "shipping", "idempotency_key", "match_blocklist",
            "suggested_duplicate", "customer_merge_log",
            "customer_group", "customer_group_member");

    private static Api.Tenant alpha;
    private static Api.Tenant beta;
    private static String alice;
    private static String alphasGroup;
    private static String alphasProduct;
    private static String alphasCustomerGroup;

    private final Jdbi app = TestDatabase.get().jdbi();
    private final Jdbi owner = Owner.jdbi();

    @BeforeAll
    static void alphaHasRowsInEveryTable() {
        Api api = TestServer.api();
        alpha = api.newTenant("Alpha");
        beta = api.newTenant("Beta");
        alice = alpha.createCustomer();
        alpha.ok("InsertMetadata", setMetadata(alice, "tier", "gold"));
        alpha.ok("CreateNote", note(alice, "Hello."));
        alphasGroup = catalogue(alpha);
        alphasProduct = sale(alpha, alice);
        alphasCustomerGroup = customerGroup(alpha, alice);
        alpha.ok("VerifyAuditLog", Json.object());
        catalogue(beta);
        String bob = beta.createCustomer();
        sale(beta, bob);
        beta.ok("InsertMetadata", setMetadata(bob, "tier", "silver"));
        beta.ok("CreateNote", note(bob, "Hi."));
        customerGroup(beta, bob);
    }

    /** A manual customer group with the customer in it; answers the group's id. */
    private static String customerGroup(Api.Tenant tenant, String customerId) {
        String group = tenant.ok("CreateCustomerGroup", Json.object().put("name", "Review").put("qualifier_method", "none"))
                .text("customer_group_id");
        tenant.ok("AddCustomerToGroup", Json.object().put("customer_group_id", group).put("customer_id", customerId));
        return group;
    }

    /** A product in a group, a campaign and a shop; answers the group's id. */
    private static String catalogue(Api.Tenant tenant) {
        String group = tenant.ok("UpsertProductGroup", Json.object().put("name", "Pavers")).text("product_group_id");
        tenant.ok("UpsertProduct", Json.object().put("name", "Paver").put("product_group_id", group));
        tenant.ok("UpsertCampaign", Json.object().put("name", "Spring"));
        tenant.ok("UpsertThirdPartyShop", Json.object().put("name", "Amazon"));
        return group;
    }

    /**
     * A paid sale of the customer with a gateway transaction, partly refunded, with a chargeback, a PayPal
     * dispute and a fraud detection, a shipment, and a subscription of the product with a renewal; answers its product's id.
     */
    private static String sale(Api.Tenant tenant, String customerId) {
        String product = tenant.ok("UpsertProduct", Json.object().put("name", "Sealant").put("price", 9.5)).text("product_id");
        String sale = tenant.ok("CreateSale", Json.object().put("customer_id", customerId).put("status", "paid")
                .<ObjectNode>set("product_sales", Json.MAPPER.createArrayNode().add(Json.object().put("product_id", product).put("quantity", 2)))
                .set("transaction", Json.object().put("gateway_response_code", "00"))).text("sale_id");
        tenant.ok("CreateRefund", Json.object().put("sale_id", sale).put("amount", 1));
        tenant.ok("CreateChargeback", Json.object().put("sale_id", sale).put("amount", 2));
        tenant.ok("CreatePaypalDispute", Json.object().put("sale_id", sale).put("amount", 3));
        tenant.ok("CreateFraudDetection", Json.object().put("sale_id", sale).put("score", 90));
        String subscription = tenant.ok("CreateSubscription", Json.object().put("customer_id", customerId).put("product_id", product)
                .put("interval_unit", "month")).text("subscription_id");
        tenant.ok("CreateSubscriptionRenewal", Json.object().put("subscription_id", subscription).put("status", "success"));
        tenant.ok("CreateShipping", Json.object().put("sale_id", sale).put("carrier", "UPS"));
        return product;
    }

    @Test
    void applicationConnectsAsARoleThatIsNeitherSuperuserNorOwnerAndCannotBypassRls() {
        String user = app.withHandle(h -> h.createQuery("SELECT current_user").mapTo(String.class).one());
        Map<String, Object> role = owner.withHandle(h -> h.createQuery(
                "SELECT rolsuper, rolbypassrls, rolcreaterole, rolcreatedb FROM pg_roles WHERE rolname = :r")
                .bind("r", Database.APP_ROLE).mapToMap().one());
        List<String> owned = owner.withHandle(h -> h.createQuery(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tableowner = :r")
                .bind("r", Database.APP_ROLE).mapTo(String.class).list());

        assertThat(user).isEqualTo(Database.APP_ROLE);
        assertThat(role).containsEntry("rolsuper", false).containsEntry("rolbypassrls", false)
                .containsEntry("rolcreaterole", false).containsEntry("rolcreatedb", false);
        assertThat(owned).isEmpty();
    }

    @Test
    void everyTableWithATenantHasForcedRowLevelSecurity() {
        List<String> unprotected = owner.withHandle(h -> h.createQuery("""
                        SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                        WHERE n.nspname = 'public' AND c.relkind = 'r'
                          AND (c.relname = 'tenant' OR EXISTS (SELECT 1 FROM pg_attribute a
                               WHERE a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped))
                          AND NOT (c.relrowsecurity AND c.relforcerowsecurity)""")
                .mapTo(String.class).list());
        List<String> protectedTables = owner.withHandle(h -> h.createQuery("""
                        SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                        WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relrowsecurity AND c.relforcerowsecurity""")
                .mapTo(String.class).list());

        assertThat(unprotected).isEmpty();
        assertThat(protectedTables).containsAll(TENANT_TABLES);
    }

    @ParameterizedTest
    @ValueSource(strings = {"tenant", "api_key", "api_call", "event", "event_sequence", "audit_log", "customer", "metadata", "note",
            "product_group", "product", "campaign", "third_party_shop", "sale", "product_sale", "sale_transaction", "refund",
            "lifetime_value", "chargeback", "paypal_dispute", "fraud_detection", "subscription", "subscription_renewal", "shipping",
            "customer_group", "customer_group_member"})
    void withoutATenantTheAppRoleSeesNoRowsThoughRowsExist(String table) {
        long existing = owner.withHandle(h -> h.createQuery("SELECT count(*) FROM " + table).mapTo(Long.class).one());
        long visibleFresh = app.withHandle(h -> h.createQuery("SELECT count(*) FROM " + table).mapTo(Long.class).one());
        long visibleEmpty = app.inTransaction(h -> {
            h.execute("SELECT set_config('app.tenant_id', '', true)");
            return h.createQuery("SELECT count(*) FROM " + table).mapTo(Long.class).one();
        });

        assertThat(existing).isPositive();
        assertThat(visibleFresh).isZero();
        assertThat(visibleEmpty).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"api_key", "api_call", "event", "event_sequence", "audit_log", "customer", "metadata", "note",
            "product_group", "product", "campaign", "third_party_shop", "sale", "product_sale", "sale_transaction", "refund",
            "lifetime_value", "chargeback", "paypal_dispute", "fraud_detection", "subscription", "subscription_renewal", "shipping",
            "customer_group", "customer_group_member"})
    void tenantSeesOnlyItsOwnRows(String table) {
        long alphasSeenByBeta = TenantRows.of(beta).inTenant(h -> h.createQuery(
                "SELECT count(*) FROM " + table + " WHERE tenant_id = :alpha").bind("alpha", alpha.tenantId()).mapTo(Long.class).one());
        List<String> tenantsSeenByBeta = TenantRows.of(beta).inTenant(h -> h.createQuery(
                "SELECT DISTINCT tenant_id FROM " + table).mapTo(String.class).list());
        long alphasSeenByAlpha = TenantRows.of(alpha).count(table);

        assertThat(alphasSeenByBeta).isZero();
        assertThat(tenantsSeenByBeta).containsOnly(beta.tenantId());
        assertThat(alphasSeenByAlpha).isPositive();
    }

    @Test
    void tenantRowItselfIsVisibleOnlyToItsTenant() {
        List<String> seen = TenantRows.of(beta).inTenant(h -> h.createQuery("SELECT id FROM tenant").mapTo(String.class).list());

        assertThat(seen).containsExactly(beta.tenantId());
    }

    @Test
    void appRoleCannotInsertRowsForAnotherTenant() {
        Map<String, String> inserts = Map.of(
                "customer", "INSERT INTO customer (tenant_id, id, status, lifecycle_stage, created_at, updated_at)"
                        + " VALUES (:alpha, 'AAAAAAAAAAAAAAAAAAA1', 'enabled', 'customer', now(), now())",
                "note", "INSERT INTO note (tenant_id, id, item_type, item_id, text, author_kind, created_at)"
                        + " VALUES (:alpha, 'AAAAAAAAAAAAAAAAAAA2', 'customer', :alice, 'planted', 'user', now())",
                "metadata", "INSERT INTO metadata (tenant_id, id, item_type, item_id, name, value, created_at, updated_at)"
                        + " VALUES (:alpha, 'AAAAAAAAAAAAAAAAAAA3', 'customer', :alice, 'planted', 'x', now(), now())",
                "event", "INSERT INTO event (tenant_id, id, notation, item_type, item_id, payload, actor_kind, created_at)"
                        + " VALUES (:alpha, 'AAAAAAAAAAAAAAAAAAA4', 'customer.updated', 'customer', :alice, '{}', 'system', now())",
                "audit_log", "INSERT INTO audit_log (tenant_id, item_type, item_id, action, actor_kind, created_at)"
                        + " VALUES (:alpha, 'customer', :alice, 'update', 'system', now())",
                "api_call", "INSERT INTO api_call (tenant_id, id, operation, type, method, code, http_status, actor_kind,"
                        + " duration_ms, created_at) VALUES (:alpha, 'AAAAAAAAAAAAAAAAAAA5', 'X', 'x', 'x', 1, 200, 'system', 0, now())",
                "api_key", "INSERT INTO api_key (tenant_id, id, key_hash, key_prefix, scopes, created_at)"
                        + " VALUES (:alpha, 'AAAAAAAAAAAAAAAAAAA6', '\\x00', 'ck_x', '{read}', now())",
                "product", "INSERT INTO product (tenant_id, id, name, product_group_id, created_at, updated_at)"
                        + " VALUES (:alpha, 'AAAAAAAAAAAAAAAAAAA8', 'planted by ' || :alice, NULL, now(), now())",
                "product_group", "INSERT INTO product_group (tenant_id, id, name, created_at, updated_at)"
                        + " VALUES (:alpha, 'AAAAAAAAAAAAAAAAAAA9', 'planted by ' || :alice, now(), now())",
                "tenant", "INSERT INTO tenant (id, name, created_at) VALUES ('AAAAAAAAAAAAAAAAAAA7', 'Planted by ' || :alpha || :alice, now())");
        inserts = new java.util.LinkedHashMap<>(inserts);
        inserts.put("sale", "INSERT INTO sale (tenant_id, id, customer_id, status, sold_at, subtotal, discount, tax, shipping, total,"
                        + " created_at, updated_at) VALUES (:alpha, 'AAAAAAAAAAAAAAAAAAC1', :alice, 'paid', now(), 1, 0, 0, 0, 1, now(), now())");
        inserts.put("customer_group", "INSERT INTO customer_group (tenant_id, id, name, enabled, qualifier_method, qualifiers,"
                + " created_at, updated_at) VALUES (:alpha, 'AAAAAAAAAAAAAAAAAAD1', 'planted by ' || :alice, true, 'none', '{}', now(), now())");
        inserts.put("customer_group_member", "INSERT INTO customer_group_member (tenant_id, customer_group_id, customer_id,"
                + " added_at, how) SELECT :alpha, 'AAAAAAAAAAAAAAAAAAD2', :alice, now(), 'manual'");
        inserts.put("lifetime_value", "INSERT INTO lifetime_value (tenant_id, customer_id, num_sale, updated_at)"
                + " VALUES (:alpha, :alice, 99, now()) ON CONFLICT DO NOTHING");

        inserts.forEach((table, sql) -> assertThatThrownBy(() -> TenantRows.of(beta).inTenant(h ->
                h.createUpdate(sql).bind("alpha", alpha.tenantId()).bind("alice", alice).execute()))
                .as(table)
                .satisfies(e -> assertThat(sqlState(e)).isEqualTo("42501"))
                .hasMessageContaining("row-level security"));
    }

    @Test
    void aMembershipCannotPointAtAnotherTenantsGroupEvenBySql() {
        String bob = TenantRows.of(beta).inTenant(h -> h.createQuery("SELECT id FROM customer LIMIT 1").mapTo(String.class).one());
        assertThatThrownBy(() -> TenantRows.of(beta).inTenant(h -> h.createUpdate(
                "INSERT INTO customer_group_member (tenant_id, customer_group_id, customer_id, added_at, how)"
                        + " VALUES (:beta, :group, :bob, now(), 'manual')")
                .bind("beta", beta.tenantId()).bind("group", alphasCustomerGroup).bind("bob", bob).execute()))
                .satisfies(e -> assertThat(sqlState(e)).isEqualTo("23503"));
    }

    @Test
    void aProductCannotBePutInAnotherTenantsGroupEvenBySql() {
        assertThatThrownBy(() -> TenantRows.of(beta).inTenant(h -> h.createUpdate(
                "INSERT INTO product (tenant_id, id, name, product_group_id, created_at, updated_at)"
                        + " VALUES (:beta, 'AAAAAAAAAAAAAAAAAAB1', 'planted', :group, now(), now())")
                .bind("beta", beta.tenantId()).bind("group", alphasGroup).execute()))
                .satisfies(e -> assertThat(sqlState(e)).isEqualTo("23503"));
    }

    @Test
    void aSaleCannotPointAtAnotherTenantsCustomerOrProductEvenBySql() {
        String bob = TenantRows.of(beta).inTenant(h -> h.createQuery("SELECT id FROM customer LIMIT 1").mapTo(String.class).one());
        String betasSale = TenantRows.of(beta).inTenant(h -> h.createQuery("SELECT id FROM sale LIMIT 1").mapTo(String.class).one());

        assertThatThrownBy(() -> TenantRows.of(beta).inTenant(h -> h.createUpdate(
                "INSERT INTO sale (tenant_id, id, customer_id, status, sold_at, subtotal, discount, tax, shipping, total, created_at,"
                        + " updated_at) VALUES (:beta, 'AAAAAAAAAAAAAAAAAAC2', :alice, 'paid', now(), 1, 0, 0, 0, 1, now(), now())")
                .bind("beta", beta.tenantId()).bind("alice", alice).execute()))
                .satisfies(e -> assertThat(sqlState(e)).isEqualTo("23503"));
        assertThatThrownBy(() -> TenantRows.of(beta).inTenant(h -> h.createUpdate(
                "INSERT INTO product_sale (tenant_id, id, sale_id, customer_id, position, product_id, quantity, price, discount, tax,"
                        + " shipping, upsell, total, created_at) VALUES (:beta, 'AAAAAAAAAAAAAAAAAAC3', :sale, :bob, 50, :product, 1,"
                        + " 1, 0, 0, 0, false, 1, now())")
                .bind("beta", beta.tenantId()).bind("sale", betasSale).bind("bob", bob).bind("product", alphasProduct).execute()))
                .satisfies(e -> assertThat(sqlState(e)).isEqualTo("23503"));
    }

    @Test
    void appRoleCannotMoveItsRowsToAnotherTenantNorTouchTheirs() {
        String bobsTenant = beta.tenantId();
        assertThatThrownBy(() -> TenantRows.of(beta).inTenant(h -> h.createUpdate(
                "UPDATE customer SET tenant_id = :alpha WHERE tenant_id = :beta")
                .bind("alpha", alpha.tenantId()).bind("beta", bobsTenant).execute()))
                .satisfies(e -> assertThat(sqlState(e)).isEqualTo("42501"));

        int updated = TenantRows.of(beta).inTenant(h -> h.createUpdate("UPDATE customer SET first_name = 'Mallory' WHERE id = :alice")
                .bind("alice", alice).execute());
        int deleted = TenantRows.of(beta).inTenant(h -> h.createUpdate("DELETE FROM metadata WHERE item_id = :alice")
                .bind("alice", alice).execute());

        assertThat(updated).isZero();
        assertThat(deleted).isZero();
        assertThat(alpha.ok("GetCustomer", customer(alice)).body().at("/metadata/0/value").asText())
                .isEqualTo("gold");
    }

    @Test
    void appRoleCannotSwitchRowLevelSecurityOff() {
        assertThatThrownBy(() -> app.useHandle(h -> h.execute("ALTER TABLE customer DISABLE ROW LEVEL SECURITY")))
                .satisfies(e -> assertThat(sqlState(e)).isEqualTo("42501"));
        assertThatThrownBy(() -> app.useHandle(h -> h.execute("ALTER TABLE customer NO FORCE ROW LEVEL SECURITY")))
                .satisfies(e -> assertThat(sqlState(e)).isEqualTo("42501"));
        assertThatThrownBy(() -> app.useHandle(h -> h.execute("CREATE POLICY open ON customer USING (true)")))
                .satisfies(e -> assertThat(sqlState(e)).isEqualTo("42501"));
        assertThatThrownBy(() -> app.inTransaction(h -> {
            h.execute("SET LOCAL row_security = off");
            return h.createQuery("SELECT count(*) FROM customer").mapTo(Long.class).one();
        })).satisfies(e -> assertThat(sqlState(e)).isEqualTo("42501"));
    }

    @Test
    void appRoleCanOnlyAuthenticateAKeyItAlreadyKnows() {
        List<String> anyKey = app.withHandle(h -> h.createQuery(
                "SELECT tenant_id FROM authenticate_api_key(sha256(convert_to('ck_guess', 'UTF8')))").mapTo(String.class).list());
        List<String> alphasKey = app.withHandle(h -> h.createQuery(
                "SELECT tenant_id FROM authenticate_api_key(sha256(convert_to(:key, 'UTF8')))").bind("key", alpha.apiKey())
                .mapTo(String.class).list());

        assertThat(anyKey).isEmpty();
        assertThat(alphasKey).containsExactly(alpha.tenantId());
    }
}
