package io.clientele.group.internal;

import io.clientele.operation.Paging;
import io.clientele.group.GroupRef;
import io.clientele.platform.BatchedSelects;
import io.clientele.group.Member;
import io.clientele.platform.Tx;
import java.util.List;

/** SQL for the {@code customer_group_member} table. Every statement names the tenant. */
public final class MemberStore {
    /** The members of {@code :customer_group_id} of {@code :tenant}, for SearchCustomers' group filter. */
    public static final String MEMBERS_OF_GROUP = "SELECT customer_id FROM customer_group_member"
            + " WHERE tenant_id = :tenant AND customer_group_id = :customer_group_id";

    /** Adds the membership unless it exists; whether it was added. */
    public boolean add(Tx tx, String groupId, String customerId, String how) {
        return tx.handle().createUpdate("""
                        INSERT INTO customer_group_member (tenant_id, customer_group_id, customer_id, added_at, how)
                        VALUES (:tenant, :group, :customer, :now, :how)
                        ON CONFLICT DO NOTHING""")
                .bind("tenant", tx.tenant().value())
                .bind("group", groupId)
                .bind("customer", customerId)
                .bind("now", tx.now())
                .bind("how", how)
                .execute() == 1;
    }

    /** Removes the membership if it exists; whether it was removed. */
    public boolean remove(Tx tx, String groupId, String customerId) {
        return tx.handle().createUpdate("DELETE FROM customer_group_member WHERE tenant_id = :tenant"
                        + " AND customer_group_id = :group AND customer_id = :customer")
                .bind("tenant", tx.tenant().value())
                .bind("group", groupId)
                .bind("customer", customerId)
                .execute() == 1;
    }

    /** Removes every member of the group; the customers removed. */
    public List<String> removeAll(Tx tx, String groupId) {
        return tx.handle().createQuery("DELETE FROM customer_group_member WHERE tenant_id = :tenant"
                        + " AND customer_group_id = :group RETURNING customer_id")
                .bind("tenant", tx.tenant().value())
                .bind("group", groupId)
                .mapTo(String.class)
                .list();
    }

    public long count(Tx tx, String groupId) {
        return tx.handle().createQuery("SELECT count(*) FROM customer_group_member WHERE tenant_id = :tenant"
                        + " AND customer_group_id = :group")
                .bind("tenant", tx.tenant().value())
                .bind("group", groupId)
                .mapTo(Long.class)
                .one();
    }

    List<Member> page(Tx tx, String groupId, Paging paging) {
        return paging.bind(tx.handle().createQuery("SELECT customer_id, added_at, how FROM customer_group_member"
                                + " WHERE tenant_id = :tenant AND customer_group_id = :group" + paging.sql("added_at", "customer_id"))
                        .bind("tenant", tx.tenant().value())
                        .bind("group", groupId))
                .map((rs, ctx) -> new Member(rs.getString("customer_id"), GroupStore.instant(rs, "added_at"), rs.getString("how")))
                .list();
    }

    private static final String GROUPS_OF = """
            SELECT g.id, g.name FROM customer_group_member m
            JOIN customer_group g ON g.tenant_id = m.tenant_id AND g.id = m.customer_group_id
            WHERE m.tenant_id = :tenant AND m.customer_id = :customer
            ORDER BY lower(g.name), g.id""";

    /** The groups the customer is in, by name. */
    public List<GroupRef> groupsOf(Tx tx, String customerId) {
        return tx.handle().createQuery(GROUPS_OF)
                .bind("tenant", tx.tenant().value())
                .bind("customer", customerId)
                .map((rs, ctx) -> new GroupRef(rs.getString("id"), rs.getString("name")))
                .list();
    }

    /** {@link #groupsOf} as GetCustomer's customer_groups section, read without Jdbi's per-statement work. */
    static BatchedSelects.Select profileGroupsOf(String section) {
        return new BatchedSelects.Select(section, GROUPS_OF, java.util.Map.of(), (rs, customerId) -> {
            List<GroupRef> out = new java.util.ArrayList<>();
            while (rs.next()) out.add(new GroupRef(rs.getString("id"), rs.getString("name")));
            return out;
        });
    }
}
