package io.clientele.commerce.internal;

import io.clientele.platform.Tx;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.statement.PreparedBatch;

/** SQL for the ledger of imported records: the caller's id of a record, what it became, and its fingerprint. */
public final class ImportedRecordStore {
    /** What an external id became, and the SHA-256 of the record that made it. */
    public record Entry(String kind, String externalId, String itemId, byte[] requestSha256) {}

    /** The entries of these external ids of one kind, by external id; one statement. */
    public Map<String, Entry> find(Tx tx, String kind, List<String> externalIds) {
        Map<String, Entry> found = new HashMap<>();
        if (externalIds.isEmpty()) return found;
        tx.handle().createQuery("""
                        SELECT external_id, item_id, request_sha256 FROM imported_record
                        WHERE tenant_id = :tenant AND kind = :kind AND external_id = ANY(:ids)""")
                .bind("tenant", tx.tenant().value())
                .bind("kind", kind)
                .bindArray("ids", String.class, externalIds)
                .map((rs, ctx) -> new Entry(kind, rs.getString("external_id"), rs.getString("item_id"), rs.getBytes("request_sha256")))
                .forEach(e -> found.put(e.externalId(), e));
        return found;
    }

    /**
     * One batch. Answers the external ids another transaction imported first (concurrently, since the
     * caller looked them up): none were written for those, and the caller rolls back.
     */
    public List<String> insertAll(Tx tx, List<Entry> entries) {
        if (entries.isEmpty()) return List.of();
        PreparedBatch batch = tx.handle().prepareBatch("""
                INSERT INTO imported_record (tenant_id, kind, external_id, item_id, request_sha256, created_at)
                VALUES (:tenant, :kind, :externalId, :itemId, :hash, :createdAt)
                ON CONFLICT (tenant_id, kind, external_id) DO NOTHING""");
        for (Entry e : entries) {
            batch.bind("tenant", tx.tenant().value())
                    .bind("kind", e.kind())
                    .bind("externalId", e.externalId())
                    .bind("itemId", e.itemId())
                    .bind("hash", e.requestSha256())
                    .bind("createdAt", tx.now())
                    .add();
        }
        int[] counts = batch.execute();
        List<String> taken = new java.util.ArrayList<>();
        for (int i = 0; i < counts.length; i++) if (counts[i] == 0) taken.add(entries.get(i).externalId());
        return taken;
    }
}
