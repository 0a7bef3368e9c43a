package io.clientele.audit;

/**
 * The result of re-computing a tenant's audit chain.
 *
 * @param sealedRows     rows checked in the chain
 * @param unsealedRows   rows not yet sealed (written in the last moments; sealed shortly)
 * @param firstBrokenPosition the first chain position whose hash or link does not match, or null
 * @param problem        what is wrong at that position, or null when the chain is intact
 */
public record ChainReport(long sealedRows, long unsealedRows, Long firstBrokenPosition, String problem) {
    public boolean intact() {
        return firstBrokenPosition == null;
    }
}
