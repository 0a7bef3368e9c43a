package io.clientele.customer.internal;

import io.clientele.customer.Address;
import io.clientele.customer.Customer;
import io.clientele.operation.PageCursor;
import io.clientele.platform.Tx;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/** SQL for the {@code customer} table. Every statement names the tenant; RLS is the second lock. */
public final class CustomerStore {
    static final String COLUMNS = """
            id, first_name, last_name, email, phone, phone_e164, company, internal_id, campaign_id, address_line1,
            address_line2, city, state, zip, country, status, lifecycle_stage, tags, source, created_at, updated_at""";

    /** Filters of {@code GetCustomers}; null means "any". */
    public record Filter(String status, String lifecycleStage, String tag, String campaignId, Instant createdFrom,
                         Instant createdTo, boolean newestFirst, PageCursor after, int limit) {}

    /** One batch (rewritten to multi-row INSERTs by the driver) instead of a round trip per customer. */
    public void insertAll(Tx tx, List<Customer> customers) {
        PreparedBatch batch = tx.handle().prepareBatch("""
                INSERT INTO customer (tenant_id, id, first_name, last_name, email, email_normalized, phone, phone_e164,
                    company, internal_id, campaign_id, address_line1, address_line2, city, state, zip, country,
                    status, lifecycle_stage, tags, source, created_at, updated_at)
                VALUES (:tenant, :id, :firstName, :lastName, :email, :emailNormalized, :phone, :phoneE164,
                    :company, :internalId, :campaignId, :line1, :line2, :city, :state, :zip, :country,
                    :status, :stage, :tags, :source, :createdAt, :updatedAt)""");
        for (Customer c : customers) {
            batch.bind("tenant", tx.tenant().value())
                    .bind("id", c.customerId())
                    .bindMap(fields(c))
                    .bind("createdAt", c.createdAt())
                    .bind("updatedAt", c.updatedAt())
                    .add();
        }
        batch.execute();
    }

    /** Writes every field of {@code c} (the caller merged the change, and holds the row lock of a live customer). */
    public void update(Tx tx, Customer c) {
        tx.handle().createUpdate("""
                        UPDATE customer SET first_name = :firstName, last_name = :lastName, email = :email,
                            email_normalized = :emailNormalized, phone = :phone, phone_e164 = :phoneE164, company = :company,
                            internal_id = :internalId, campaign_id = :campaignId, address_line1 = :line1,
                            address_line2 = :line2, city = :city, state = :state, zip = :zip, country = :country,
                            status = :status, lifecycle_stage = :stage, tags = :tags, source = :source,
                            updated_at = :updatedAt
                        WHERE tenant_id = :tenant AND id = :id""")
                .bind("tenant", tx.tenant().value())
                .bind("id", c.customerId())
                .bindMap(fields(c))
                .bind("updatedAt", c.updatedAt())
                .execute();
    }

    /*
     * Lookups by id check deleted_at on the row they found, not in the WHERE clause. "deleted_at IS NULL"
     * there makes every partial (tenant_id, ...) WHERE deleted_at IS NULL index usable, and until ANALYZE
     * has seen a fast-growing table the planner may scan one of them over the whole tenant instead of
     * probing the primary key: after a 20,000-customer load, GetCustomer read 10,000 buffers per call.
     * Without that predicate, the primary key is the only index that can serve the query.
     */

    /** A live (not deleted) customer; {@code forUpdate} locks the row until commit. */
    public Optional<Customer> find(Tx tx, String id, boolean forUpdate) {
        return byId(tx, id, forUpdate).filter(row -> !row.deleted()).map(Stored::customer);
    }

    /** The live customers among {@code ids}, by id; one statement. */
    public Map<String, Customer> findAll(Tx tx, Collection<String> ids) {
        Map<String, Customer> found = new java.util.HashMap<>();
        if (ids.isEmpty()) return found;
        tx.handle().createQuery("SELECT " + COLUMNS + " FROM customer"
                        + " WHERE tenant_id = :tenant AND id = ANY(:ids) AND deleted_at IS NULL")
                .bind("tenant", tx.tenant().value())
                .bindArray("ids", String.class, List.copyOf(ids))
                .map((rs, ctx) -> read(rs))
                .forEach(c -> found.put(c.customerId(), c));
        return found;
    }

    /** A soft-deleted customer, locked for restoring. */
    public Optional<Customer> findDeleted(Tx tx, String id) {
        return byId(tx, id, true).filter(Stored::deleted).map(Stored::customer);
    }

    /** The newest live customer with this normalised email (the customer_by_email index). */
    public Optional<Customer> findByEmail(Tx tx, String emailNormalized) {
        return tx.handle().createQuery("SELECT " + COLUMNS + " FROM customer WHERE tenant_id = :tenant"
                        + " AND email_normalized = :email AND deleted_at IS NULL"
                        + " ORDER BY created_at DESC, id DESC LIMIT 1")
                .bind("tenant", tx.tenant().value())
                .bind("email", emailNormalized)
                .map((rs, ctx) -> read(rs))
                .findOne();
    }

    /** The newest live customer of each normalised email that has one, by email; one statement. */
    public Map<String, Customer> findByEmails(Tx tx, List<String> emailsNormalized) {
        Map<String, Customer> found = new java.util.HashMap<>();
        tx.handle().createQuery("SELECT DISTINCT ON (email_normalized) email_normalized AS key, " + COLUMNS
                        + " FROM customer WHERE tenant_id = :tenant AND email_normalized = ANY(:emails) AND deleted_at IS NULL"
                        + " ORDER BY email_normalized, created_at DESC, id DESC")
                .bind("tenant", tx.tenant().value())
                .bindArray("emails", String.class, emailsNormalized)
                .map((rs, ctx) -> Map.entry(rs.getString("key"), read(rs)))
                .forEach(e -> found.put(e.getKey(), e.getValue()));
        return found;
    }

    /**
     * {@link #lockEmail} for many emails in one statement, in the order of the lock keys, so two callers
     * locking overlapping sets cannot deadlock.
     */
    public void lockEmails(Tx tx, List<String> emailsNormalized) {
        tx.handle().createQuery("""
                        SELECT count(*) FROM (
                            SELECT pg_advisory_xact_lock(k) FROM (
                                SELECT DISTINCT hashtext('customer_email:' || :tenant || ':' || e) AS k FROM unnest(:emails) AS e) keys
                            ORDER BY k) locked""")
                .bind("tenant", tx.tenant().value())
                .bindArray("emails", String.class, emailsNormalized)
                .mapTo(Long.class)
                .one();
    }

    /** A transaction-scoped advisory lock on the tenant's normalised email (hashed: collisions only serialise more). */
    public void lockEmail(Tx tx, String emailNormalized) {
        tx.handle().createQuery("SELECT pg_advisory_xact_lock(hashtext(:key))::text")
                .bind("key", "customer_email:" + tx.tenant().value() + ":" + emailNormalized)
                .mapTo(String.class)
                .one();
    }

    public boolean exists(Tx tx, String id) {
        return tx.handle().createQuery("SELECT deleted_at IS NULL FROM customer WHERE tenant_id = :tenant AND id = :id")
                .bind("tenant", tx.tenant().value())
                .bind("id", id)
                .mapTo(Boolean.class)
                .findOne()
                .orElse(false);
    }

    private record Stored(Customer customer, boolean deleted) {}

    private static final String BY_ID = "SELECT " + COLUMNS + ", deleted_at IS NOT NULL AS deleted FROM customer"
            + " WHERE tenant_id = ? AND id = ?";

    /** Plain JDBC: nearly every operation reads its customer here first, and Jdbi's per-statement work cost more than the read. */
    private Optional<Stored> byId(Tx tx, String id, boolean forUpdate) {
        try (PreparedStatement ps = tx.handle().getConnection().prepareStatement(forUpdate ? BY_ID + " FOR UPDATE" : BY_ID)) {
            ps.setString(1, tx.tenant().value());
            ps.setString(2, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Stored(read(rs), rs.getBoolean("deleted"))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new UnableToExecuteStatementException(e, null);
        }
    }

    public void setDeleted(Tx tx, String id, Instant deletedAt) {
        tx.handle().createUpdate("UPDATE customer SET deleted_at = :at, updated_at = :now WHERE tenant_id = :tenant AND id = :id")
                .bind("tenant", tx.tenant().value())
                .bind("id", id)
                .bind("at", deletedAt)
                .bind("now", tx.now())
                .execute();
    }

    /** Soft-deletes a customer merged into another, remembering which. */
    public void markMerged(Tx tx, String id, String into, Instant at) {
        tx.handle().createUpdate("""
                        UPDATE customer SET deleted_at = :at, merged_into = :into, updated_at = :at
                        WHERE tenant_id = :tenant AND id = :id""")
                .bind("tenant", tx.tenant().value())
                .bind("id", id)
                .bind("into", into)
                .bind("at", at)
                .execute();
    }

    /** The customer a merged customer became (following merges of merges), if it was merged. */
    public Optional<String> mergedInto(Tx tx, String id) {
        return tx.handle().createQuery("""
                        WITH RECURSIVE chain(id, target, depth) AS (
                            SELECT id, merged_into, 1 FROM customer WHERE tenant_id = :tenant AND id = :id AND merged_into IS NOT NULL
                            UNION ALL
                            SELECT c.id, c.merged_into, chain.depth + 1 FROM customer c JOIN chain ON c.id = chain.target
                            WHERE c.tenant_id = :tenant AND c.merged_into IS NOT NULL AND chain.depth < 20)
                        SELECT target FROM chain ORDER BY depth DESC LIMIT 1""")
                .bind("tenant", tx.tenant().value())
                .bind("id", id)
                .mapTo(String.class)
                .findOne();
    }

    public void logMerge(Tx tx, String mergeId, String primaryId, String secondaryId, Map<String, Long> moved,
                         Map<String, String> choices, List<String> changedFields) {
        tx.handle().createUpdate("""
                        INSERT INTO customer_merge_log (tenant_id, id, primary_customer_id, secondary_customer_id, moved,
                            field_choices, changed_fields, actor_kind, actor_id, api_call_id, created_at)
                        VALUES (:tenant, :id, :primary, :secondary, CAST(:moved AS jsonb), CAST(:choices AS jsonb),
                            :changed, :actorKind, :actorId, :apiCallId, :now)""")
                .bind("tenant", tx.tenant().value())
                .bind("id", mergeId)
                .bind("primary", primaryId)
                .bind("secondary", secondaryId)
                .bind("moved", io.clientele.platform.Json.write(moved))
                .bind("choices", io.clientele.platform.Json.write(choices))
                .bind("changed", changedFields.toArray(String[]::new))
                .bind("actorKind", tx.actor().kind())
                .bind("actorId", tx.actor().id())
                .bind("apiCallId", tx.apiCallId())
                .bind("now", tx.now())
                .execute();
    }

    /** One page of live customers, plus one extra row to tell whether another page follows. */
    public List<Customer> list(Tx tx, Filter f) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM customer WHERE tenant_id = :tenant AND deleted_at IS NULL");
        if (f.status() != null) sql.append(" AND status = :status");
        if (f.lifecycleStage() != null) sql.append(" AND lifecycle_stage = :stage");
        if (f.tag() != null) sql.append(" AND tags @> ARRAY[CAST(:tag AS text)]");
        if (f.campaignId() != null) sql.append(" AND campaign_id = :campaign");
        if (f.createdFrom() != null) sql.append(" AND created_at >= :from");
        if (f.createdTo() != null) sql.append(" AND created_at < :to");
        String cmp = f.newestFirst() ? "<" : ">";
        if (f.after() != null) sql.append(" AND (created_at, id) ").append(cmp).append(" (:afterAt, :afterId)");
        String dir = f.newestFirst() ? "DESC" : "ASC";
        sql.append(" ORDER BY created_at ").append(dir).append(", id ").append(dir).append(" LIMIT :limit");
        Query q = tx.handle().createQuery(sql.toString())
                .bind("tenant", tx.tenant().value())
                .bind("status", f.status())
                .bind("stage", f.lifecycleStage())
                .bind("tag", f.tag())
                .bind("campaign", f.campaignId())
                .bind("from", f.createdFrom())
                .bind("to", f.createdTo())
                .bind("limit", f.limit() + 1);
        if (f.after() != null) q.bind("afterAt", f.after().at()).bind("afterId", f.after().id());
        return q.map((rs, ctx) -> read(rs)).list();
    }

    private static java.util.Map<String, Object> fields(Customer c) {
        Address a = c.address() == null ? Address.EMPTY : c.address();
        var m = new java.util.HashMap<String, Object>();
        m.put("firstName", c.firstName());
        m.put("lastName", c.lastName());
        m.put("email", c.email());
        m.put("emailNormalized", Contact.normalizeEmail(c.email()));
        m.put("phone", c.phone());
        m.put("phoneE164", c.phoneE164());
        m.put("company", c.company());
        m.put("internalId", c.internalId());
        m.put("campaignId", c.campaignId());
        m.put("line1", a.line1());
        m.put("line2", a.line2());
        m.put("city", a.city());
        m.put("state", a.state());
        m.put("zip", a.zip());
        m.put("country", a.country());
        m.put("status", c.status());
        m.put("stage", c.lifecycleStage());
        m.put("tags", c.tags().toArray(String[]::new));
        m.put("source", c.source());
        return m;
    }

    static Customer read(ResultSet rs) throws SQLException {
        Address address = new Address(rs.getString("address_line1"), rs.getString("address_line2"), rs.getString("city"),
                rs.getString("state"), rs.getString("zip"), rs.getString("country"));
        List<String> tags = new ArrayList<>(Arrays.asList((String[]) rs.getArray("tags").getArray()));
        return new Customer(rs.getString("id"), rs.getString("first_name"), rs.getString("last_name"),
                rs.getString("email"), rs.getString("phone"), rs.getString("phone_e164"), rs.getString("company"),
                rs.getString("internal_id"), rs.getString("campaign_id"), address, rs.getString("status"),
                rs.getString("lifecycle_stage"), List.copyOf(tags), rs.getString("source"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                rs.getObject("updated_at", OffsetDateTime.class).toInstant());
    }
}
