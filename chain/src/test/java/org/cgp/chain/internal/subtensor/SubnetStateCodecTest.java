package org.cgp.chain.internal.subtensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.cgp.chain.internal.scale.ScaleException;
import org.cgp.chain.internal.scale.ScaleWriter;
import org.junit.jupiter.api.Test;

class SubnetStateCodecTest {
    /** A SubnetState of two uids in the field order of BITTENSOR-PROTOCOL §4.3. */
    private static byte[] state() {
        ScaleWriter w = new ScaleWriter().u8(1).compact(33).compact(2);
        byte[] a = new byte[32], b = new byte[32];
        a[0] = 1;
        b[0] = 2;
        w.raw(a).raw(b);                          // hotkeys
        w.compact(2).raw(b).raw(a);               // coldkeys
        w.compact(2).bool(true).bool(true);       // active
        w.compact(2).bool(true).bool(false);      // validator_permit
        for (int k = 0; k < 9; k++) w.compact(2).compact(k).compact(k + 1); // pruning_score .. block_at_registration
        w.compact(2).compact(5_000_000_000L).compact(0);       // alpha_stake
        w.compact(2).compact(1_000_000_000L).compact(7);       // tao_stake
        w.compact(2).compact(5_180_000_000L).compact(1);       // total_stake
        w.compact(1).compact(2).compact(10).compact(20);       // emission_history: one epoch
        return w.toByteArray();
    }

    @Test
    void typedAndWrappedLayoutsDecodeTheSameStakes() {
        byte[] typed = state();
        byte[] wrapped = new ScaleWriter().vecU8(typed).toByteArray();
        for (byte[] blob : new byte[][] {typed, wrapped}) {
            SubnetStateCodec.SubnetStakes s = SubnetStateCodec.decode(blob).orElseThrow();
            assertThat(s.hotkeys()).hasSize(2);
            assertThat(s.hotkeys().get(1)[0]).isEqualTo((byte) 2);
            assertThat(s.alphaStake()).containsExactly(5_000_000_000L, 0);
            assertThat(s.taoStake()).containsExactly(1_000_000_000L, 7);
            assertThat(s.totalStake()).containsExactly(5_180_000_000L, 1);
        }
    }

    @Test
    void noneAndGarbage() {
        assertThat(SubnetStateCodec.decode(new byte[] {0})).isEqualTo(Optional.empty());
        assertThat(SubnetStateCodec.decode(new byte[] {4, 0})).isEqualTo(Optional.empty()); // wrapped None
        byte[] cut = java.util.Arrays.copyOf(state(), state().length - 2);
        assertThatThrownBy(() -> SubnetStateCodec.decode(cut)).isInstanceOf(ScaleException.class);
    }
}
