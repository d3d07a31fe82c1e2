package org.cgp.chain.internal.subtensor;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.cgp.chain.internal.scale.ScaleException;
import org.cgp.chain.internal.scale.ScaleReader;

/**
 * The parts of {@code SubnetInfoRuntimeApi_get_subnet_state(netuid) -> Option<SubnetState>} the
 * metagraph needs: hotkeys and the per-uid alpha, tao and total stake (rao). Like get_neurons_lite,
 * runtime 218 wraps the answer in a {@code Vec<u8>}; later runtimes return it typed.
 */
public final class SubnetStateCodec {
    /** Per-uid stakes in rao, in uid order. */
    public record SubnetStakes(List<byte[]> hotkeys, long[] alphaStake, long[] taoStake, long[] totalStake) {}

    private SubnetStateCodec() {}

    public static Optional<SubnetStakes> decode(byte[] result) {
        ScaleReader probe = new ScaleReader(result);
        int len = -1;
        try {
            len = probe.compactLength();
        } catch (ScaleException ignored) {
            // not wrapped
        }
        if (len > 0 && len == probe.remaining()) {
            try {
                return decodeTyped(new ScaleReader(result, probe.position(), result.length));
            } catch (ScaleException wrappedFailed) {
                // fall through to the typed reading
            }
        }
        return decodeTyped(new ScaleReader(result));
    }

    private static Optional<SubnetStakes> decodeTyped(ScaleReader r) {
        if (!r.optionTag()) {
            r.expectEnd("Option<SubnetState>");
            return Optional.empty();
        }
        r.compactLong(); // netuid
        int n = r.compactLength();
        List<byte[]> hotkeys = new ArrayList<>(n);
        for (int i = 0; i < n; i++) hotkeys.add(r.bytes(32));
        skipVec(r, 32);          // coldkeys
        skipVec(r, 1);           // active
        skipVec(r, 1);           // validator_permit
        for (int k = 0; k < 9; k++) compacts(r); // pruning_score .. block_at_registration
        long[] alpha = compacts(r);
        long[] tao = compacts(r);
        long[] total = compacts(r);
        int epochs = r.compactLength(); // emission_history
        for (int i = 0; i < epochs; i++) compacts(r);
        r.expectEnd("SubnetState");
        if (alpha.length != n || tao.length != n || total.length != n) throw new ScaleException("SubnetState vectors differ in length");
        return Optional.of(new SubnetStakes(hotkeys, alpha, tao, total));
    }

    private static void skipVec(ScaleReader r, int width) { r.skip(Math.multiplyExact(r.compactLength(), width)); }

    private static long[] compacts(ScaleReader r) {
        int n = r.compactLength();
        if (n > r.remaining()) throw new ScaleException("vector of " + n + " compacts cannot fit in " + r.remaining() + " bytes");
        long[] out = new long[n];
        for (int i = 0; i < n; i++) out[i] = r.compactLong();
        return out;
    }
}
