package org.cgp.chain.internal.subtensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.cgp.chain.Metagraph;
import org.cgp.chain.Neuron;
import org.cgp.chain.SubtensorChain;
import org.cgp.chain.internal.scale.Hex;
import org.cgp.chain.internal.scale.ScaleException;
import org.cgp.protocol.keys.Ss58;
import org.junit.jupiter.api.Test;

class NeuronsLiteCodecTest {
    /** What runtime 218 answered for netuid 1 of the raonet spec: one neuron (the zero account), Vec<u8>-wrapped. */
    private static final String SPEC218_NETUID1 = "5902040000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
            + "0000000000000000000000000000000000000401000000000000000000000000000000000000000000000000000000000000"
            + "00000000000000000000000000000000000000000000000000000000000000000000000000c621f6d800000000000001feff0300";

    static NeuronInfoLite neuron(int uid, int permitAndIp) {
        byte[] hot = new byte[32], cold = new byte[32];
        hot[0] = (byte) uid;
        hot[1] = 1;
        cold[0] = 9;
        return new NeuronInfoLite(hot, cold, uid, 2, true, 10, 7, BigInteger.valueOf(0x7f000002L + permitAndIp), 8091 + uid, 4, 4,
                1_500_000_000L * uid, 0, 123, 65535, 0, 32768, 0, 16384, 40 + uid, uid % 2 == 0, 65535);
    }

    @Test
    void decodesTheRecordedRuntime218Answer() {
        byte[] blob = Hex.decode(SPEC218_NETUID1);
        assertThat(NeuronsLiteCodec.isWrapped(blob)).isTrue();
        List<NeuronInfoLite> ns = NeuronsLiteCodec.decode(blob);
        assertThat(ns).hasSize(1);
        NeuronInfoLite n = ns.get(0);
        assertThat(n.uid()).isZero();
        assertThat(n.netuid()).isEqualTo(1);
        assertThat(n.active()).isTrue();
        assertThat(n.validatorPermit()).isTrue();
        assertThat(n.pruningScore()).isEqualTo(65535);
        assertThat(Ss58.encode(n.hotkey())).isEqualTo("5C4hrfjw9DjXZTzV3MwzrrAr9P1MJhSrvWGWqi1eSuyUpnhM");
    }

    @Test
    void bothLayoutsDecodeToTheSameNeurons() {
        List<NeuronInfoLite> in = new ArrayList<>();
        for (int uid = 0; uid < 5; uid++) in.add(neuron(uid, 0));
        byte[] typed = NeuronsLiteCodec.encode(in, false);
        byte[] wrapped = NeuronsLiteCodec.encode(in, true);
        assertThat(NeuronsLiteCodec.isWrapped(typed)).isFalse();
        assertThat(NeuronsLiteCodec.isWrapped(wrapped)).isTrue();
        for (byte[] blob : List.of(typed, wrapped)) {
            List<NeuronInfoLite> out = NeuronsLiteCodec.decode(blob);
            assertThat(out).hasSize(5);
            assertThat(out.get(3).uid()).isEqualTo(3);
            assertThat(out.get(3).stakeRao()).isEqualTo(4_500_000_000L);
            assertThat(out.get(3).axonPort()).isEqualTo(8094);
            assertThat(out.get(3).lastUpdate()).isEqualTo(43);
        }
        assertThat(NeuronsLiteCodec.decode(new byte[] {0})).isEmpty();
    }

    @Test
    void mapsToTheDaemonsNeuron() {
        Metagraph mg = SubtensorChain.toMetagraph(2, 77, List.of(neuron(1, 0), neuron(0, 0)));
        assertThat(mg.n()).isEqualTo(2);
        Neuron n = mg.neurons().get(1);
        assertThat(n.uid()).isEqualTo(1);
        assertThat(n.stake()).isEqualTo(1.5);
        assertThat(n.axon().ip()).isEqualTo("127.0.0.2");
        assertThat(n.axon().port()).isEqualTo(8092);
        assertThat(n.axon().hotkey()).isEqualTo(n.hotkey());
        assertThat(n.validatorPermit()).isFalse();
        assertThat(mg.neurons().get(0).validatorPermit()).isTrue();
        assertThat(n.incentive()).isEqualTo(1.0);
        assertThat(n.trust()).isEqualTo(32768 / 65535.0);
        assertThat(n.dividends()).isEqualTo(16384 / 65535.0);
        assertThat(n.lastUpdate()).isEqualTo(41);
    }

    @Test
    void garbageIsAScaleErrorNotACrash() {
        assertThatThrownBy(() -> NeuronsLiteCodec.decode(Hex.decode("0c0102"))).isInstanceOf(ScaleException.class);
        byte[] typed = NeuronsLiteCodec.encode(List.of(neuron(0, 0)), false);
        byte[] cut = java.util.Arrays.copyOf(typed, typed.length - 3);
        assertThatThrownBy(() -> NeuronsLiteCodec.decode(cut)).isInstanceOf(ScaleException.class);
    }
}
