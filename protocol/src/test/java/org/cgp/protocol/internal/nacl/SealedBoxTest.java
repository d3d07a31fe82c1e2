package org.cgp.protocol.internal.nacl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SealedBoxTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test void hsalsa20MatchesNaClsCore1Vector() {
        byte[] shared = HEX.parseHex("4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742");
        assertEquals("1b27556473e985d462cd51197a9a46c76009549eac6474f206c4ee0844f68389",
                HEX.formatHex(SealedBox.hsalsa20(shared, new byte[16])));
    }

    @Test void theTestnetPrivateKeyGivesTheBuiltInNetuid138PublicKey() {
        byte[] sk = HEX.parseHex("d0e8b84e89b085e0157dec62680987274eb1f136c7b6ac5bb7b2a21cce533294");
        assertEquals("2c068a9b7c3480225ab56888227218228d803208f26bfbd8c875a919467a7516", HEX.formatHex(SealedBox.publicKey(sk)));
    }

    @Test void sealsAndOpensMessagesOfEveryLengthUpToAField() {
        byte[] sk = SealedBox.newPrivateKey();
        byte[] pk = SealedBox.publicKey(sk);
        Random r = new Random(7);
        for (int n = 0; n <= 200; n += 7) {
            byte[] m = new byte[n];
            r.nextBytes(m);
            byte[] sealed = SealedBox.seal(m, pk);
            assertEquals(n + SealedBox.OVERHEAD, sealed.length);
            assertArrayEquals(m, SealedBox.open(sealed, sk));
        }
    }

    @Test void aBoxIsNewEachTime() {
        byte[] pk = SealedBox.publicKey(SealedBox.newPrivateKey());
        byte[] m = "same".getBytes(StandardCharsets.UTF_8);
        assertEquals(false, java.util.Arrays.equals(SealedBox.seal(m, pk), SealedBox.seal(m, pk)));
    }

    @Test void anyFlippedBitAnotherKeyOrATruncationIsRefused() {
        byte[] sk = SealedBox.newPrivateKey();
        byte[] sealed = SealedBox.seal("hotkey|1.2.3.4:8091".getBytes(StandardCharsets.UTF_8), SealedBox.publicKey(sk));
        for (int i = 0; i < sealed.length; i++) {
            byte[] t = sealed.clone();
            t[i] ^= 1 << (i % 8);
            assertThrows(SealedBox.OpenFailed.class, () -> SealedBox.open(t, sk), "flipped byte " + i);
        }
        assertThrows(SealedBox.OpenFailed.class, () -> SealedBox.open(sealed, SealedBox.newPrivateKey()));
        assertThrows(SealedBox.OpenFailed.class, () -> SealedBox.open(java.util.Arrays.copyOf(sealed, 47), sk));
        assertThrows(SealedBox.OpenFailed.class, () -> SealedBox.open(java.util.Arrays.copyOf(sealed, sealed.length - 1), sk));
    }

    @Test void keysOfTheWrongSizeAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> SealedBox.seal(new byte[1], new byte[31]));
        assertThrows(IllegalArgumentException.class, () -> SealedBox.open(new byte[60], new byte[33]));
    }
}
