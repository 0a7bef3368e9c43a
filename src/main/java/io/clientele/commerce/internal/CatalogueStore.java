package io.clientele.commerce.internal;

import io.clientele.operation.Paging;
import io.clientele.platform.Tx;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.statement.Query;

/**
 * The SQL of one catalogue table. Each store writes its own INSERT, UPDATE and list filters; the lookups
 * every kind shares are here. Every statement names the tenant; row-level security is the second lock.
 */
public interface CatalogueStore<T> {
    /** The audit item type and the {@code <type>_id} field name stem, e.g. {@code product_group}. */
    String itemType();

    String table();

    String columns();

    T read(ResultSet rs) throws SQLException;

    String idOf(T item);

    String internalIdOf(T item);

    void insert(Tx tx, T item);

    /** Writes every field of {@code item}; the caller holds the row lock. */
    void update(Tx tx, T item);

    /** The item of the tx's tenant; {@code forUpdate} locks it until commit. */
    default Optional<T> find(Tx tx, String id, boolean forUpdate) {
        return one(tx, "id", id, forUpdate);
    }

    default Optional<T> findByInternalId(Tx tx, String internalId, boolean forUpdate) {
        return one(tx, "internal_id", internalId, forUpdate);
    }

    /** The items of the tx's tenant among {@code ids}, by id; one statement. */
    default Map<String, T> findAll(Tx tx, Collection<String> ids) {
        Map<String, T> found = new HashMap<>();
        if (ids.isEmpty()) return found;
        tx.handle().createQuery("SELECT " + columns() + " FROM " + table() + " WHERE tenant_id = :tenant AND id = ANY(:ids)")
                .bind("tenant", tx.tenant().value())
                .bindArray("ids", String.class, List.copyOf(ids))
                .map((rs, ctx) -> read(rs))
                .forEach(item -> found.put(idOf(item), item));
        return found;
    }

    default boolean exists(Tx tx, String id) {
        return tx.handle().createQuery("SELECT EXISTS (SELECT 1 FROM " + table() + " WHERE tenant_id = :tenant AND id = :id)")
                .bind("tenant", tx.tenant().value())
                .bind("id", id)
                .mapTo(Boolean.class)
                .one();
    }

    /**
     * One page of the tenant's items matching {@code conditions} (SQL over the table's columns, each starting
     * with " AND "), plus one extra row to tell whether another page follows.
     */
    default List<T> list(Tx tx, String conditions, Map<String, Object> values, Paging paging) {
        Query query = tx.handle().createQuery("SELECT " + columns() + " FROM " + table()
                        + " WHERE tenant_id = :tenant" + conditions + paging.sql())
                .bind("tenant", tx.tenant().value())
                .bindMap(values);
        return paging.bind(query).map((rs, ctx) -> read(rs)).list();
    }

    private Optional<T> one(Tx tx, String column, String value, boolean forUpdate) {
        return tx.handle().createQuery("SELECT " + columns() + " FROM " + table() + " WHERE tenant_id = :tenant AND "
                        + column + " = :value" + (forUpdate ? " FOR UPDATE" : ""))
                .bind("tenant", tx.tenant().value())
                .bind("value", value)
                .map((rs, ctx) -> read(rs))
                .findOne();
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }
}
