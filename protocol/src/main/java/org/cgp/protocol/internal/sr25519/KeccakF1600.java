package org.cgp.protocol.internal.sr25519;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The Keccak-f[1600] permutation (24 rounds) over a 200-byte state read as 25 little-endian
 * 64-bit lanes (index x + 5y). STROBE-128 needs the bare permutation, which no JDK or BouncyCastle
 * API exposes. The round is written out lane by lane (theta, rho and pi, chi, iota) so that the JIT
 * keeps the state in registers.
 */
public final class KeccakF1600 {
    private static final long[] ROUND_CONSTANTS = {
        0x0000000000000001L, 0x0000000000008082L, 0x800000000000808AL, 0x8000000080008000L,
        0x000000000000808BL, 0x0000000080000001L, 0x8000000080008081L, 0x8000000000008009L,
        0x000000000000008AL, 0x0000000000000088L, 0x0000000080008009L, 0x000000008000000AL,
        0x000000008000808BL, 0x800000000000008BL, 0x8000000000008089L, 0x8000000000008003L,
        0x8000000000008002L, 0x8000000000000080L, 0x000000000000800AL, 0x800000008000000AL,
        0x8000000080008081L, 0x8000000000008080L, 0x0000000080000001L, 0x8000000080008008L,
    };
    private static final VarHandle LE_LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private KeccakF1600() {}

    /** Permutes a 200-byte state in place. */
    public static void permute(byte[] state) {
        if (state.length != 200) {
            throw new IllegalArgumentException("Keccak-f[1600] state must be 200 bytes, got " + state.length);
        }
        long[] lanes = new long[25];
        for (int i = 0; i < 25; i++) {
            lanes[i] = (long) LE_LONG.get(state, 8 * i);
        }
        permute(lanes);
        for (int i = 0; i < 25; i++) {
            LE_LONG.set(state, 8 * i, lanes[i]);
        }
    }

    /** Permutes 25 lanes (index x + 5y) in place. */
    public static void permute(long[] a) {
        if (a.length != 25) {
            throw new IllegalArgumentException("Keccak-f[1600] state must be 25 lanes, got " + a.length);
        }
        long a0 = a[0], a1 = a[1], a2 = a[2], a3 = a[3], a4 = a[4], a5 = a[5], a6 = a[6], a7 = a[7], a8 = a[8], a9 = a[9];
        long a10 = a[10], a11 = a[11], a12 = a[12], a13 = a[13], a14 = a[14], a15 = a[15], a16 = a[16], a17 = a[17], a18 = a[18], a19 = a[19];
        long a20 = a[20], a21 = a[21], a22 = a[22], a23 = a[23], a24 = a[24];
        for (int round = 0; round < 24; round++) {
            // theta
            long c0 = a0 ^ a5 ^ a10 ^ a15 ^ a20;
            long c1 = a1 ^ a6 ^ a11 ^ a16 ^ a21;
            long c2 = a2 ^ a7 ^ a12 ^ a17 ^ a22;
            long c3 = a3 ^ a8 ^ a13 ^ a18 ^ a23;
            long c4 = a4 ^ a9 ^ a14 ^ a19 ^ a24;
            long d0 = c4 ^ Long.rotateLeft(c1, 1);
            long d1 = c0 ^ Long.rotateLeft(c2, 1);
            long d2 = c1 ^ Long.rotateLeft(c3, 1);
            long d3 = c2 ^ Long.rotateLeft(c4, 1);
            long d4 = c3 ^ Long.rotateLeft(c0, 1);
            a0 ^= d0; a1 ^= d1; a2 ^= d2; a3 ^= d3; a4 ^= d4;
            a5 ^= d0; a6 ^= d1; a7 ^= d2; a8 ^= d3; a9 ^= d4;
            a10 ^= d0; a11 ^= d1; a12 ^= d2; a13 ^= d3; a14 ^= d4;
            a15 ^= d0; a16 ^= d1; a17 ^= d2; a18 ^= d3; a19 ^= d4;
            a20 ^= d0; a21 ^= d1; a22 ^= d2; a23 ^= d3; a24 ^= d4;
            // rho and pi: b[y, 2x+3y] = rotl(a[x, y], r[x, y])
            long b0 = a0;
            long b16 = Long.rotateLeft(a5, 36);
            long b7 = Long.rotateLeft(a10, 3);
            long b23 = Long.rotateLeft(a15, 41);
            long b14 = Long.rotateLeft(a20, 18);
            long b10 = Long.rotateLeft(a1, 1);
            long b1 = Long.rotateLeft(a6, 44);
            long b17 = Long.rotateLeft(a11, 10);
            long b8 = Long.rotateLeft(a16, 45);
            long b24 = Long.rotateLeft(a21, 2);
            long b20 = Long.rotateLeft(a2, 62);
            long b11 = Long.rotateLeft(a7, 6);
            long b2 = Long.rotateLeft(a12, 43);
            long b18 = Long.rotateLeft(a17, 15);
            long b9 = Long.rotateLeft(a22, 61);
            long b5 = Long.rotateLeft(a3, 28);
            long b21 = Long.rotateLeft(a8, 55);
            long b12 = Long.rotateLeft(a13, 25);
            long b3 = Long.rotateLeft(a18, 21);
            long b19 = Long.rotateLeft(a23, 56);
            long b15 = Long.rotateLeft(a4, 27);
            long b6 = Long.rotateLeft(a9, 20);
            long b22 = Long.rotateLeft(a14, 39);
            long b13 = Long.rotateLeft(a19, 8);
            long b4 = Long.rotateLeft(a24, 14);
            // chi
            a0 = b0 ^ (~b1 & b2);
            a1 = b1 ^ (~b2 & b3);
            a2 = b2 ^ (~b3 & b4);
            a3 = b3 ^ (~b4 & b0);
            a4 = b4 ^ (~b0 & b1);
            a5 = b5 ^ (~b6 & b7);
            a6 = b6 ^ (~b7 & b8);
            a7 = b7 ^ (~b8 & b9);
            a8 = b8 ^ (~b9 & b5);
            a9 = b9 ^ (~b5 & b6);
            a10 = b10 ^ (~b11 & b12);
            a11 = b11 ^ (~b12 & b13);
            a12 = b12 ^ (~b13 & b14);
            a13 = b13 ^ (~b14 & b10);
            a14 = b14 ^ (~b10 & b11);
            a15 = b15 ^ (~b16 & b17);
            a16 = b16 ^ (~b17 & b18);
            a17 = b17 ^ (~b18 & b19);
            a18 = b18 ^ (~b19 & b15);
            a19 = b19 ^ (~b15 & b16);
            a20 = b20 ^ (~b21 & b22);
            a21 = b21 ^ (~b22 & b23);
            a22 = b22 ^ (~b23 & b24);
            a23 = b23 ^ (~b24 & b20);
            a24 = b24 ^ (~b20 & b21);
            // iota
            a0 ^= ROUND_CONSTANTS[round];
        }
        a[0] = a0; a[1] = a1; a[2] = a2; a[3] = a3; a[4] = a4; a[5] = a5; a[6] = a6; a[7] = a7; a[8] = a8; a[9] = a9;
        a[10] = a10; a[11] = a11; a[12] = a12; a[13] = a13; a[14] = a14; a[15] = a15; a[16] = a16; a[17] = a17; a[18] = a18; a[19] = a19;
        a[20] = a20; a[21] = a21; a[22] = a22; a[23] = a23; a[24] = a24;
    }
}
