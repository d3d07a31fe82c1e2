package org.cgp.chain.internal.subtensor;

import java.util.List;
import java.util.Map;
import org.cgp.chain.ChainException;
import org.cgp.chain.StoredCommitment;
import org.cgp.chain.extrinsic.Call;
import org.cgp.chain.extrinsic.CallEncoder;
import org.cgp.chain.internal.metadata.VariantValue;

/**
 * The commitments pallet as the endpoint commitments use it: {@code set_commitment(netuid, info)}
 * with one {@code Raw<N>} field, and {@code CommitmentOf: (NetUid, AccountId) -> Registration{deposit,
 * block, info{fields}}} read back (subtensor pallets/commitments, types.rs).
 */
public final class CommitmentStorage {
    public static final String PALLET = "Commitments";
    public static final String COMMITMENT_OF = "CommitmentOf";
    /** The largest {@code Data::Raw} field: variants Raw0..Raw128. */
    public static final int MAX_RAW = 128;

    private CommitmentStorage() {}

    /** {@code Commitments.set_commitment(netuid, CommitmentInfo{fields: [Raw<len>(raw)]})}. */
    public static Call setCommitment(CallEncoder encoder, int netuid, byte[] raw) {
        if (raw.length > MAX_RAW) throw new IllegalArgumentException("a Raw commitment field holds at most " + MAX_RAW + " bytes, got " + raw.length);
        return encoder.encode(PALLET, "set_commitment", netuid, Map.of("fields", List.of(VariantValue.of("Raw" + raw.length, raw))));
    }

    /** A decoded {@code Registration} as the daemons see it; a value of another shape is a {@link ChainException}. */
    public static StoredCommitment toCommitment(String hotkey, Object registration) {
        if (!(registration instanceof Map<?, ?> reg)) throw new ChainException(PALLET + "." + COMMITMENT_OF + " is not a Registration: " + shape(registration));
        long block = reg.get("block") instanceof Number n ? n.longValue() : 0;
        byte[] raw = null;
        Object info = reg.get("info");
        Object fields = info instanceof Map<?, ?> m ? m.get("fields") : null;
        if (fields instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof VariantValue v
                && v.name().startsWith("Raw") && v.value() instanceof byte[] b) {
            raw = b;
        }
        return new StoredCommitment(hotkey, block, raw);
    }

    private static String shape(Object o) { return o == null ? "null" : o.getClass().getSimpleName(); }
}
