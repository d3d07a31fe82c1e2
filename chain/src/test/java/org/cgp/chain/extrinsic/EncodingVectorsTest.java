package org.cgp.chain.extrinsic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import org.cgp.chain.internal.metadata.MetadataException;
import org.cgp.chain.internal.metadata.TestMetadata;
import org.cgp.chain.internal.scale.Hex;
import org.cgp.chain.internal.subtensor.SubtensorCalls;
import org.junit.jupiter.api.Test;

/** The verified encodings of BITTENSOR-PROTOCOL §4.4-4.6, produced through the metadata-driven encoder. */
class EncodingVectorsTest {
    private final SubtensorCalls calls = new SubtensorCalls(TestMetadata.build());

    @Test
    void mortalErasMatchTheVectors() {
        assertThat(Hex.encode(Era.mortal(128, 5_000_000).encode())).isEqualTo("0604");
        assertThat(Hex.encode(Era.mortal(64, 100).encode())).isEqualTo("4502");
        assertThat(Hex.encode(Era.IMMORTAL.encode())).isEqualTo("00");
        assertThat(Era.mortal(64, 100).birth(100)).isEqualTo(100);
        assertThat(Era.mortal(64, 100).birth(130)).isEqualTo(100);
        assertThatThrownBy(() -> Era.mortal(100, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void serveAxonCall() {
        Call c = calls.serveAxon(1, 10002000, BigInteger.valueOf(16909060), 8091, 4, 4);
        assertThat(Hex.encode(c.encoded())).isEqualTo("0704" + "0100" + "509e9800" + "04030201000000000000000000000000" + "9b1f" + "04040000");
    }

    @Test
    void setWeightsCall() {
        Call c = calls.setWeights(1, new int[] {0, 1}, new int[] {65535, 32768}, 0);
        assertThat(Hex.encode(c.encoded())).isEqualTo("0700" + "0100" + "08" + "00000100" + "08" + "ffff0080" + "0000000000000000");
        assertThat(c.qualifiedName()).isEqualTo("SubtensorModule.set_weights");
    }

    @Test
    void wrongArgumentsAreNamed() {
        CallEncoder enc = calls.encoder();
        assertThatThrownBy(() -> enc.encode("SubtensorModule", "set_weights", 1, new int[] {1}))
                .isInstanceOf(MetadataException.class).hasMessageContaining("takes 4 argument(s)").hasMessageContaining("version_key");
        assertThatThrownBy(() -> enc.encode("SubtensorModule", "set_weights", 1, new int[] {70000}, new int[] {1}, 0L))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dests");
        assertThatThrownBy(() -> enc.encode("SubtensorModule", "no_such_call")).isInstanceOf(MetadataException.class)
                .hasMessageContaining("no call SubtensorModule.no_such_call");
    }
}
