package org.cgp.protocol.internal.sr25519;

import org.junit.jupiter.api.Test;

import java.security.MessageDigest;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeccakF1600Test {

    /** SHA3-256 as a sponge over our permutation (rate 136, domain byte 0x06). */
    private static byte[] sha3_256(byte[] message) {
        int rate = 136;
        byte[] state = new byte[200];
        int padded = (message.length / rate + 1) * rate;
        byte[] block = new byte[padded];
        System.arraycopy(message, 0, block, 0, message.length);
        block[message.length] ^= 0x06;
        block[padded - 1] ^= (byte) 0x80;
        for (int off = 0; off < padded; off += rate) {
            for (int i = 0; i < rate; i++) {
                state[i] ^= block[off + i];
            }
            KeccakF1600.permute(state);
        }
        byte[] out = new byte[32];
        System.arraycopy(state, 0, out, 0, 32);
        return out;
    }

    @Test
    void spongeOverPermutationMatchesJdkSha3() throws Exception {
        Random random = new Random(7);
        for (int len : new int[] {0, 1, 135, 136, 137, 272, 500}) {
            byte[] message = new byte[len];
            random.nextBytes(message);
            assertThat(sha3_256(message))
                .as("length %d", len)
                .isEqualTo(MessageDigest.getInstance("SHA3-256").digest(message));
        }
    }

    @Test
    void rejectsWrongStateSize() {
        assertThatThrownBy(() -> KeccakF1600.permute(new byte[199])).isInstanceOf(IllegalArgumentException.class);
    }
}
