package io.clientele.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.clientele.platform.Json;
import io.clientele.platform.Tx;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.List;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Appends audit rows inside the change's transaction and reads them back. Rows are sealed into the
 * tenant's hash chain just after commit by {@link AuditSealer}, so concurrent writers of one tenant do
 * not queue on a chain lock while they commit.
 */
public final class AuditLog {
    private final AuditSealer sealer;

    public AuditLog(AuditSealer sealer) {
        this.sealer = sealer;
    }

    /** One change to audit: the item, what was done, and the item before and after (either may be null). */
    public record Change(String itemType, String itemId, String action, Object before, Object after) {}

    public void record(Tx tx, String itemType, String itemId, String action, Object before, Object after) {
        recordAll(tx, List.of(new Change(itemType, itemId, action, before, after)));
    }

    /** Audits many changes of one call in one batch, in order. */
    public void recordAll(Tx tx, List<Change> changes) {
        PreparedBatch batch = tx.handle().prepareBatch("""
                INSERT INTO audit_log (tenant_id, item_type, item_id, action, before, after, actor_kind, actor_id,
                                       api_call_id, ip, user_agent, created_at)
                VALUES (:tenant, :itemType, :itemId, :action, CAST(:before AS jsonb), CAST(:after AS jsonb),
                        :actorKind, :actorId, :apiCallId, :ip, :userAgent, :now)""");
        for (Change change : changes) {
            batch.bind("tenant", tx.tenant().value())
                    .bind("itemType", change.itemType())
                    .bind("itemId", change.itemId())
                    .bind("action", change.action())
                    .bind("before", change.before() == null ? null : Json.write(change.before()))
                    .bind("after", change.after() == null ? null : Json.write(change.after()))
                    .bind("actorKind", tx.actor().kind())
                    .bind("actorId", tx.actor().id())
                    .bind("apiCallId", tx.apiCallId())
                    .bind("ip", tx.origin().ip())
                    .bind("userAgent", tx.origin().userAgent())
                    .bind("now", tx.now())
                    .add();
        }
        batch.execute();
        tx.handle().afterCommit(() -> sealer.requestSeal(tx.tenant()));
    }

    /** An item's audit rows, oldest first, after the given audit id. */
    public List<AuditEntry> forItem(Tx tx, String itemType, String itemId, long afterId, int limit) {
        return tx.handle().createQuery("""
                        SELECT id, item_type, item_id, action, before::text AS before, after::text AS after, actor_kind,
                               actor_id, api_call_id, ip, user_agent, created_at, chain_position, hash
                        FROM audit_log
                        WHERE tenant_id = :tenant AND item_type = :itemType AND item_id = :itemId AND id > :after
                        ORDER BY id
                        LIMIT :limit""")
                .bind("tenant", tx.tenant().value())
                .bind("itemType", itemType)
                .bind("itemId", itemId)
                .bind("after", afterId)
                .bind("limit", limit)
                .map((rs, ctx) -> new AuditEntry(rs.getLong("id"), rs.getString("item_type"), rs.getString("item_id"),
                        rs.getString("action"), json(rs.getString("before")), json(rs.getString("after")),
                        rs.getString("actor_kind"), rs.getString("actor_id"), rs.getString("api_call_id"),
                        rs.getString("ip"), rs.getString("user_agent"),
                        rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                        (Long) rs.getObject("chain_position"),
                        rs.getBytes("hash") == null ? null : HexFormat.of().formatHex(rs.getBytes("hash"))))
                .list();
    }


    private static JsonNode json(String text) {
        return text == null ? null : Json.read(text);
    }
}
