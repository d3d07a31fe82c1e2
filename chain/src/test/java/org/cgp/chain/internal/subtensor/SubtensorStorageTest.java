package org.cgp.chain.internal.subtensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.cgp.chain.ChainException;
import org.junit.jupiter.api.Test;

/** The typed storage items turn decoded values into their Java types, and say which item had the wrong shape. */
class SubtensorStorageTest {
    @Test
    void numbersBoolsAndTheirWrongShapes() {
        assertThat(SubtensorStorage.TEMPO.apply(360)).isEqualTo(360L);
        assertThat(SubtensorStorage.COMMIT_REVEAL_WEIGHTS_ENABLED.apply(true)).isTrue();
        assertThatThrownBy(() -> SubtensorStorage.TEMPO.apply("360")).isInstanceOf(ChainException.class)
                .hasMessage("SubtensorModule.Tempo is not a number: 360");
        assertThatThrownBy(() -> SubtensorStorage.COMMIT_REVEAL_WEIGHTS_ENABLED.apply(1)).isInstanceOf(ChainException.class)
                .hasMessageContaining("CommitRevealWeightsEnabled is not a bool");
    }

    @Test
    void anUnsetOwnerIsEmptyAndWeightsArePairs() {
        assertThat(SubtensorStorage.SUBNET_OWNER_HOTKEY.apply(new byte[32])).isEmpty();
        byte[] owner = new byte[32];
        owner[0] = 7;
        assertThat(SubtensorStorage.SUBNET_OWNER_HOTKEY.apply(owner)).containsSame(owner);
        assertThatThrownBy(() -> SubtensorStorage.SUBNET_OWNER_HOTKEY.apply(new byte[31])).isInstanceOf(ChainException.class);
        assertThat(SubtensorStorage.WEIGHTS.apply(List.of(List.of(0, 65535), List.of(3, 12)))).isDeepEqualTo(new int[][] {{0, 65535}, {3, 12}});
        assertThat(SubtensorStorage.WEIGHTS.apply(null)).isEmpty();
        assertThatThrownBy(() -> SubtensorStorage.WEIGHTS.apply(List.of(List.of(1)))).isInstanceOf(ChainException.class)
                .hasMessageContaining("not a (uid, weight) pair");
    }
}
