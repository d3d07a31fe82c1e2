package org.cgp.chain.extrinsic;

import static org.assertj.core.api.Assertions.assertThat;

import org.cgp.chain.SubtensorChain;
import org.cgp.chain.internal.hash.Hashing;
import org.cgp.chain.internal.scale.Hex;
import org.junit.jupiter.api.Test;

class CommitHashTest {
    @Test
    void commitHashIsBlake2OfTheScaleTuple() {
        byte[] alice = Hex.decode("d43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d");
        byte[] expectedPreimage = Hex.decode("d43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d"
                + "0200" + "08" + "0200" + "0300" + "08" + "409c" + "bf63" + "04" + "0700" + "0100000000000000");
        byte[] hash = SubtensorChain.commitHash(alice, 2, new int[] {2, 3}, new int[] {40000, 25535}, new int[] {7}, 1);
        assertThat(hash).isEqualTo(Hashing.blake2b256(expectedPreimage));
        assertThat(SubtensorChain.commitHash(alice, 2, new int[] {2, 3}, new int[] {40000, 25535}, new int[] {8}, 1)).isNotEqualTo(hash);
    }
}
