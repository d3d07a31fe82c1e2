package org.cgp.chain;

/**
 * A hotkey's entry in {@code Commitments.CommitmentOf} for one subnet: the block it was set at
 * and the bytes of its first field when that field is {@code Raw} (null for any other shape, which
 * the live validators treat as no commitment).
 */
public record StoredCommitment(String hotkey, long block, byte[] raw) {
    public StoredCommitment {
        raw = raw == null ? null : raw.clone();
    }

    @Override public byte[] raw() { return raw == null ? null : raw.clone(); }

    /** Whether the first field is Raw bytes (a sealed endpoint, or garbage). */
    public boolean hasRaw() { return raw != null; }

    @Override public String toString() {
        return "StoredCommitment[" + hotkey + ", block " + block + ", " + (raw == null ? "no Raw field" : raw.length + " Raw bytes") + "]";
    }
}
