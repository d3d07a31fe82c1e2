package org.cgp.protocol.keys.sr25519;

/**
 * Scalar multiplications on Ristretto255 over {@link EdwardsPoint}, with tables of the base
 * point built once per JVM (about 70 KB):
 * <ul>
 *   <li>{@link #base}: {@code k B} for a secret k in constant time: k in 64 signed radix-16 digits,
 *       one precomputed multiple of {@code 16^i B} per digit, chosen by scanning all eight with
 *       masks and negated by mask; 64 additions, no doubling, no branch or index on k.</li>
 *   <li>{@link #verifyEquation}: {@code s B - c A} for public s, c and A in variable time: one
 *       shared run of doublings over the width-8 NAF of s (odd multiples of B up to 127 B,
 *       precomputed) and the width-5 NAF of c (odd multiples of A up to 15 A, per call).</li>
 * </ul>
 * Scalars are 32-byte little-endian values below the group order (so below 2^253).
 */
final class ScalarMultiply {
    /** The base point B (the Ristretto generator; any representative of its coset). */
    private static final byte[] BASEPOINT_ENCODED = hex("e2f2ae0a6abc4e71a884a961c500515f58e30b6aa582dd8db6a65945e08d2d76");
    /** RADIX_16[i][j] = (j + 1) 16^i B, affine. */
    private static final EdwardsPoint.Cached[][] RADIX_16 = new EdwardsPoint.Cached[64][8];
    /** ODD_B[j] = (2j + 1) B, affine. */
    private static final EdwardsPoint.Cached[] ODD_B = new EdwardsPoint.Cached[64];

    static {
        EdwardsPoint base = Ristretto.decode(BASEPOINT_ENCODED);
        if (base == null) throw new IllegalStateException("the Ristretto base point did not decode");
        EdwardsPoint power = new EdwardsPoint();
        power.set(base);
        for (int i = 0; i < 64; i++) {
            EdwardsPoint.Cached step = power.cached();
            EdwardsPoint multiple = new EdwardsPoint();
            multiple.set(power);
            for (int j = 0; j < 8; j++) {
                RADIX_16[i][j] = multiple.cached().normalize();
                multiple.add(step);
            }
            for (int k = 0; k < 4; k++) power.twice(true);
        }
        EdwardsPoint odd = new EdwardsPoint();
        odd.set(base);
        EdwardsPoint twiceBase = new EdwardsPoint();
        twiceBase.set(base);
        twiceBase.twice(true);
        EdwardsPoint.Cached twoB = twiceBase.cached();
        for (int j = 0; j < ODD_B.length; j++) {
            ODD_B[j] = odd.cached().normalize();
            odd.add(twoB);
        }
    }

    private ScalarMultiply() {}

    /** {@code k B} in constant time; {@code k} is a canonical scalar (32 bytes, below 2^253). */
    static EdwardsPoint base(byte[] k) {
        byte[] digits = radix16(k);
        EdwardsPoint acc = EdwardsPoint.identity();
        EdwardsPoint.Cached chosen = EdwardsPoint.Cached.identity();
        EdwardsPoint.Cached identity = EdwardsPoint.Cached.identity();
        for (int i = 0; i < 64; i++) {
            int d = digits[i];
            int negative = (d >>> 31) & 1;             // 1 when d < 0
            int magnitude = d - ((-negative & d) << 1); // |d|
            chosen.select(-1, identity);
            for (int j = 0; j < 8; j++) {
                chosen.select(equalMask(magnitude, j + 1), RADIX_16[i][j]);
            }
            chosen.negateIf(negative);
            acc.add(chosen);
        }
        java.util.Arrays.fill(digits, (byte) 0);
        return acc;
    }

    /** {@code s B - c A} in variable time (public inputs only). */
    static EdwardsPoint verifyEquation(byte[] s, byte[] c, EdwardsPoint a) {
        byte[] nafS = nonAdjacentForm(s, 8);
        byte[] nafC = nonAdjacentForm(c, 5);
        EdwardsPoint.Cached[] oddA = new EdwardsPoint.Cached[8];
        EdwardsPoint multiple = new EdwardsPoint();
        multiple.set(a);
        EdwardsPoint twiceA = new EdwardsPoint();
        twiceA.set(a);
        twiceA.twice(true);
        EdwardsPoint.Cached twoA = twiceA.cached();
        for (int j = 0; j < oddA.length; j++) {
            oddA[j] = multiple.cached();
            if (j + 1 < oddA.length) multiple.add(twoA);
        }
        int top = 255;
        while (top >= 0 && nafS[top] == 0 && nafC[top] == 0) top--;
        EdwardsPoint acc = EdwardsPoint.identity();
        for (int i = top; i >= 0; i--) {
            int ds = nafS[i];
            int dc = nafC[i];
            acc.twice(ds != 0 || dc != 0 || i == 0); // T only when an addition (or the caller) reads it
            if (ds > 0) acc.add(ODD_B[ds >> 1]);
            else if (ds < 0) acc.subtract(ODD_B[(-ds) >> 1]);
            if (dc > 0) acc.subtract(oddA[dc >> 1]);
            else if (dc < 0) acc.add(oddA[(-dc) >> 1]);
        }
        return acc;
    }

    /** -1 when a == b (small non-negative ints), else 0, without a branch. */
    private static int equalMask(int a, int b) {
        int x = a ^ b;
        return ((x | -x) >> 31) ^ -1;
    }

    /** 64 signed digits in [-8, 8) with k = sum d_i 16^i (ref10's recoding; no branch on k). */
    static byte[] radix16(byte[] k) {
        byte[] e = new byte[64];
        for (int i = 0; i < 32; i++) {
            e[2 * i] = (byte) (k[i] & 15);
            e[2 * i + 1] = (byte) ((k[i] >>> 4) & 15);
        }
        int carry = 0;
        for (int i = 0; i < 63; i++) {
            int v = e[i] + carry;
            carry = (v + 8) >> 4;
            e[i] = (byte) (v - (carry << 4));
        }
        e[63] = (byte) (e[63] + carry);
        return e;
    }

    /** The width-w non-adjacent form of a 256-bit little-endian value: odd digits in (-2^(w-1), 2^(w-1)), non-zero ones w apart. */
    static byte[] nonAdjacentForm(byte[] k, int w) {
        long[] words = new long[5];
        for (int i = 0; i < 32; i++) words[i >> 3] |= (k[i] & 0xFFL) << (8 * (i & 7));
        byte[] naf = new byte[256];
        int width = 1 << w;
        long mask = width - 1;
        int carry = 0;
        int pos = 0;
        while (pos < 256) {
            int index = pos >> 6;
            int bit = pos & 63;
            long buf = bit < 64 - w ? words[index] >>> bit : (words[index] >>> bit) | (words[index + 1] << (64 - bit));
            int window = carry + (int) (buf & mask);
            if ((window & 1) == 0) {
                pos++;
                continue;
            }
            if (window < width / 2) {
                carry = 0;
                naf[pos] = (byte) window;
            } else {
                carry = 1;
                naf[pos] = (byte) (window - width);
            }
            pos += w;
        }
        return naf;
    }

    private static byte[] hex(String s) {
        byte[] out = new byte[s.length() / 2];
        for (int i = 0; i < out.length; i++) out[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
        return out;
    }
}
