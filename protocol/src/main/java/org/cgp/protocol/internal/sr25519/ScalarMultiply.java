package org.cgp.protocol.internal.sr25519;

/**
 * Scalar multiplications on Ristretto255 over {@link EdwardsPoint}, with tables of the base
 * point built once per JVM (about 70 KB):
 * <ul>
 *   <li>{@link #base}: {@code k B} for a secret k in constant time: k in 64 signed radix-16 digits,
 *       one precomputed multiple of {@code 16^i B} per digit, chosen by scanning all eight with
 *       masks and negated by mask; 64 additions, no doubling, no branch or index on k.</li>
 *   <li>{@link #verifyEquation}: {@code s B - c A} for public s, c and A in variable time. Each
 *       scalar is split in 128-bit halves, {@code s = s0 + 2^128 s1}, so one shared run of 128
 *       doublings serves four points: B and {@code 2^128 B} (odd multiples up to 127, width-8 NAF,
 *       precomputed) and A and {@code 2^128 A} (odd multiples up to 15, width-5 NAF, from a
 *       {@link KeyTable} the caller may keep per public key). Half the doublings of the plain
 *       double-base method, for 128 doublings once per key.</li>
 * </ul>
 * Scalars are 32-byte little-endian values below the group order (so below 2^253).
 */
final class ScalarMultiply {
    /** The base point B (the Ristretto generator; any representative of its coset). */
    private static final byte[] BASEPOINT_ENCODED = hex("e2f2ae0a6abc4e71a884a961c500515f58e30b6aa582dd8db6a65945e08d2d76");
    /** RADIX_16[i][j] = (j + 1) 16^i B, affine. */
    private static final EdwardsPoint.Cached[][] RADIX_16 = new EdwardsPoint.Cached[64][8];
    /** ODD_B[j] = (2j + 1) B and ODD_B_HIGH[j] = (2j + 1) 2^128 B, affine. */
    private static final EdwardsPoint.Cached[] ODD_B = new EdwardsPoint.Cached[64];
    private static final EdwardsPoint.Cached[] ODD_B_HIGH = new EdwardsPoint.Cached[64];

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
        oddMultiples(base, ODD_B, true);
        EdwardsPoint high = new EdwardsPoint();
        high.set(base);
        for (int k = 0; k < 128; k++) high.twice(true);
        oddMultiples(high, ODD_B_HIGH, true);
    }

    /** out[j] = (2j + 1) p, in cached form (affine when {@code normalize}). */
    private static void oddMultiples(EdwardsPoint p, EdwardsPoint.Cached[] out, boolean normalize) {
        EdwardsPoint odd = new EdwardsPoint();
        odd.set(p);
        EdwardsPoint twice = new EdwardsPoint();
        twice.set(p);
        twice.twice(true);
        EdwardsPoint.Cached two = twice.cached();
        for (int j = 0; j < out.length; j++) {
            out[j] = normalize ? odd.cached().normalize() : odd.cached();
            if (j + 1 < out.length) odd.add(two);
        }
    }

    /** What verification needs of one public key A: odd multiples of A and of 2^128 A (public data). */
    static final class KeyTable {
        final EdwardsPoint.Cached[] odd = new EdwardsPoint.Cached[8];
        final EdwardsPoint.Cached[] oddHigh = new EdwardsPoint.Cached[8];

        KeyTable(EdwardsPoint a) {
            oddMultiples(a, odd, false);
            EdwardsPoint high = new EdwardsPoint();
            high.set(a);
            for (int k = 0; k < 128; k++) high.twice(k == 127);
            oddMultiples(high, oddHigh, false);
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
    static EdwardsPoint verifyEquation(byte[] s, byte[] c, KeyTable a) {
        byte[] s0 = nonAdjacentForm(half(s, 0), 8), s1 = nonAdjacentForm(half(s, 16), 8);
        byte[] c0 = nonAdjacentForm(half(c, 0), 5), c1 = nonAdjacentForm(half(c, 16), 5);
        int top = 255;
        while (top >= 0 && s0[top] == 0 && s1[top] == 0 && c0[top] == 0 && c1[top] == 0) top--;
        EdwardsPoint acc = EdwardsPoint.identity();
        for (int i = top; i >= 0; i--) {
            boolean adds = s0[i] != 0 || s1[i] != 0 || c0[i] != 0 || c1[i] != 0;
            acc.twice(adds || i == 0); // T only when an addition (or the caller) reads it
            if (!adds) continue;
            addDigit(acc, s0[i], ODD_B, false);
            addDigit(acc, s1[i], ODD_B_HIGH, false);
            addDigit(acc, c0[i], a.odd, true);
            addDigit(acc, c1[i], a.oddHigh, true);
        }
        return acc;
    }

    /** acc += d table (or -= when {@code subtract}), d an odd NAF digit or 0. */
    private static void addDigit(EdwardsPoint acc, int d, EdwardsPoint.Cached[] table, boolean subtract) {
        if (d == 0) return;
        if ((d > 0) != subtract) acc.add(table[Math.abs(d) >> 1]);
        else acc.subtract(table[Math.abs(d) >> 1]);
    }

    /** 16 bytes of a 32-byte scalar from {@code from}, as a 32-byte value. */
    private static byte[] half(byte[] k, int from) {
        byte[] out = new byte[32];
        System.arraycopy(k, from, out, 0, 16);
        return out;
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
