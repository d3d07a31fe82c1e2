package org.cgp.protocol.internal.sr25519;

import java.math.BigInteger;
import org.bouncycastle.math.ec.rfc7748.X25519Field;

/**
 * What the group code needs of GF(2^255 - 19) beyond BouncyCastle's {@link X25519Field} (whose
 * {@code int[10]} elements, in-place arithmetic and constant-time {@code cmov}/{@code cnegate} we
 * build on): the curve constants, the sign of an element, and the square root of a ratio.
 * Everything here is constant time; elements are {@code int[]} of {@link X25519Field#SIZE}.
 */
final class Field {
    static final BigInteger P = BigInteger.ONE.shiftLeft(255).subtract(BigInteger.valueOf(19));

    /** The Edwards d = -121665/121666. */
    static final int[] D = constant(BigInteger.valueOf(-121665).mod(P).multiply(BigInteger.valueOf(121666).modInverse(P)).mod(P));
    /** 2d, for the addition formulas. */
    static final int[] D2 = constant(toBig(D).shiftLeft(1).mod(P));
    /** A square root of -1: 2^((p-1)/4). */
    static final int[] SQRT_M1 = constant(BigInteger.TWO.modPow(P.subtract(BigInteger.ONE).shiftRight(2), P));
    /** 1/sqrt(a - d) with a = -1, the non-negative root (Ristretto's encoding constant). */
    static final int[] INVSQRT_A_MINUS_D = constant(nonNegativeInverseSqrt(BigInteger.ONE.negate().subtract(toBig(D)).mod(P)));

    private Field() {}

    static int[] create() {
        return X25519Field.create();
    }

    static int[] one() {
        int[] z = X25519Field.create();
        X25519Field.one(z);
        return z;
    }

    static int[] copyOf(int[] x) {
        int[] z = X25519Field.create();
        X25519Field.copy(x, 0, z, 0);
        return z;
    }

    /** The canonical little-endian encoding. */
    static byte[] encode(int[] x) {
        int[] n = copyOf(x);
        X25519Field.normalize(n);
        byte[] out = new byte[32];
        X25519Field.encode(n, out, 0);
        return out;
    }

    /** 1 when the canonical encoding of {@code x} is odd (Ristretto's "negative"), else 0. */
    static int isNegative(int[] x) {
        return encode(x)[0] & 1;
    }

    /** -1 (all bits) when {@code x == y} as field elements, else 0. */
    static int equal(int[] x, int[] y) {
        int[] d = create();
        X25519Field.sub(x, y, d);
        X25519Field.normalize(d);
        return X25519Field.isZero(d);
    }

    /** {@code x := |x|}: negated when negative. */
    static void abs(int[] x) {
        X25519Field.cnegate(isNegative(x), x);
        X25519Field.normalize(x);
    }

    /** {@code z := x^((p-5)/8) = x^(2^252 - 3)}. */
    static void pow22523(int[] x, int[] z) {
        int[] t0 = create(), t1 = create(), t2 = create();
        X25519Field.sqr(x, t0);            // 2
        X25519Field.sqr(t0, 2, t1);        // 8
        X25519Field.mul(x, t1, t1);        // 9
        X25519Field.mul(t0, t1, t0);       // 11
        X25519Field.sqr(t0, t0);           // 22
        X25519Field.mul(t1, t0, t0);       // 2^5 - 1
        X25519Field.sqr(t0, 5, t1);
        X25519Field.mul(t1, t0, t0);       // 2^10 - 1
        X25519Field.sqr(t0, 10, t1);
        X25519Field.mul(t1, t0, t1);       // 2^20 - 1
        X25519Field.sqr(t1, 20, t2);
        X25519Field.mul(t2, t1, t1);       // 2^40 - 1
        X25519Field.sqr(t1, 10, t1);
        X25519Field.mul(t1, t0, t0);       // 2^50 - 1
        X25519Field.sqr(t0, 50, t1);
        X25519Field.mul(t1, t0, t1);       // 2^100 - 1
        X25519Field.sqr(t1, 100, t2);
        X25519Field.mul(t2, t1, t1);       // 2^200 - 1
        X25519Field.sqr(t1, 50, t1);
        X25519Field.mul(t1, t0, t0);       // 2^250 - 1
        X25519Field.sqr(t0, 2, t0);        // 2^252 - 4
        X25519Field.mul(t0, x, z);         // 2^252 - 3
    }

    /**
     * Ristretto's SQRT_RATIO_M1 (RFC 9496 4.2): {@code r := |sqrt(u/v)|} when u/v is a square,
     * else {@code |sqrt(i*u/v)|}; returns -1 when u/v was a square (or u is 0), else 0.
     */
    static int sqrtRatioM1(int[] u, int[] v, int[] r) {
        int[] v3 = create(), v7 = create(), t = create(), check = create(), negU = create(), negUi = create();
        X25519Field.sqr(v, v3);
        X25519Field.mul(v3, v, v3);         // v^3
        X25519Field.sqr(v3, v7);
        X25519Field.mul(v7, v, v7);         // v^7
        X25519Field.mul(u, v7, t);          // u v^7
        pow22523(t, t);                     // (u v^7)^((p-5)/8)
        X25519Field.mul(t, v3, t);
        X25519Field.mul(t, u, r);           // u v^3 (u v^7)^((p-5)/8)
        X25519Field.sqr(r, check);
        X25519Field.mul(check, v, check);   // v r^2
        X25519Field.negate(u, negU);
        X25519Field.mul(negU, SQRT_M1, negUi);
        int correct = equal(check, u);
        int flipped = equal(check, negU);
        int flippedI = equal(check, negUi);
        int[] rPrime = create();
        X25519Field.mul(r, SQRT_M1, rPrime);
        X25519Field.cmov(flipped | flippedI, rPrime, 0, r, 0);
        abs(r);
        return correct | flipped;
    }

    private static int[] constant(BigInteger value) {
        byte[] be = value.toByteArray();
        byte[] le = new byte[32];
        for (int i = 0; i < Math.min(32, be.length); i++) le[i] = be[be.length - 1 - i];
        int[] z = create();
        X25519Field.decode(le, 0, z);
        return z;
    }

    static BigInteger toBig(int[] x) {
        byte[] le = encode(x);
        byte[] be = new byte[33];
        for (int i = 0; i < 32; i++) be[32 - i] = le[i];
        return new BigInteger(be);
    }

    /** The even (non-negative) root of 1/w, for a square w; p = 5 mod 8, so w^((p+3)/8), times sqrt(-1) when needed. */
    private static BigInteger nonNegativeInverseSqrt(BigInteger w) {
        BigInteger inv = w.modInverse(P);
        BigInteger root = inv.modPow(P.add(BigInteger.valueOf(3)).shiftRight(3), P);
        if (!root.multiply(root).mod(P).equals(inv)) {
            root = root.multiply(BigInteger.TWO.modPow(P.subtract(BigInteger.ONE).shiftRight(2), P)).mod(P);
        }
        if (!root.multiply(root).mod(P).equals(inv)) throw new IllegalStateException("a - d is not a square");
        return root.testBit(0) ? P.subtract(root) : root;
    }
}
