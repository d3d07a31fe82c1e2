package org.cgp.protocol.internal.sr25519;

import org.bouncycastle.math.ec.rfc7748.X25519Field;

/**
 * The Ristretto255 encoding of {@link EdwardsPoint}s (RFC 9496, section 4.3): decoding checks a
 * canonical, non-negative s and rejects non-points; encoding is constant time (it runs on the
 * secret-derived R of a signature). Equality compares cosets without encoding.
 */
final class Ristretto {
    private Ristretto() {}

    /** The point encoded by {@code bytes}, or null when they are not a canonical Ristretto encoding. */
    static EdwardsPoint decode(byte[] bytes) {
        if (bytes == null || bytes.length != 32) return null;
        int[] s = Field.create();
        X25519Field.decode(bytes, 0, s);
        if ((bytes[31] & 0x80) != 0 || !java.util.Arrays.equals(Field.encode(s), bytes) || (bytes[0] & 1) != 0) {
            return null; // not canonical (>= p or bit 255 set), or negative
        }
        int[] ss = Field.create(), u1 = Field.create(), u2 = Field.create(), u2Sqr = Field.create(), v = Field.create();
        X25519Field.sqr(s, ss);
        X25519Field.one(u1);
        X25519Field.sub(u1, ss, u1);              // u1 = 1 + a s^2 = 1 - s^2
        X25519Field.one(u2);
        X25519Field.add(u2, ss, u2);              // u2 = 1 - a s^2 = 1 + s^2
        X25519Field.sqr(u2, u2Sqr);
        X25519Field.sqr(u1, v);
        X25519Field.mul(v, Field.D, v);
        X25519Field.add(v, u2Sqr, v);
        X25519Field.negate(v, v);                 // v = -(d u1^2) - u2^2
        int[] vu2 = Field.create(), invSqrt = Field.create();
        X25519Field.mul(v, u2Sqr, vu2);
        int wasSquare = Field.sqrtRatioM1(Field.one(), vu2, invSqrt);
        int[] denX = Field.create(), denY = Field.create();
        X25519Field.mul(invSqrt, u2, denX);
        X25519Field.mul(invSqrt, denX, denY);
        X25519Field.mul(denY, v, denY);
        EdwardsPoint p = new EdwardsPoint();
        X25519Field.add(s, s, p.x);
        X25519Field.mul(p.x, denX, p.x);
        Field.abs(p.x);                           // x = |2 s den_x|
        X25519Field.mul(u1, denY, p.y);           // y = u1 den_y
        X25519Field.normalize(p.y);
        X25519Field.one(p.z);
        X25519Field.mul(p.x, p.y, p.t);
        if (wasSquare == 0 || Field.isNegative(p.t) == 1 || X25519Field.isZeroVar(p.y)) return null;
        return p;
    }

    /** The canonical 32-byte encoding of {@code p}'s coset (constant time). */
    static byte[] encode(EdwardsPoint p) {
        int[] u1 = Field.create(), u2 = Field.create(), t = Field.create();
        X25519Field.add(p.z, p.y, u1);
        X25519Field.sub(p.z, p.y, t);
        X25519Field.mul(u1, t, u1);               // u1 = (Z + Y)(Z - Y)
        X25519Field.mul(p.x, p.y, u2);            // u2 = X Y
        int[] invSqrt = Field.create();
        X25519Field.sqr(u2, t);
        X25519Field.mul(t, u1, t);
        Field.sqrtRatioM1(Field.one(), t, invSqrt);
        int[] den1 = Field.create(), den2 = Field.create(), zInv = Field.create();
        X25519Field.mul(invSqrt, u1, den1);
        X25519Field.mul(invSqrt, u2, den2);
        X25519Field.mul(den1, den2, zInv);
        X25519Field.mul(zInv, p.t, zInv);         // z_inv = den1 den2 T
        int[] ix = Field.create(), iy = Field.create(), enchanted = Field.create();
        X25519Field.mul(p.x, Field.SQRT_M1, ix);
        X25519Field.mul(p.y, Field.SQRT_M1, iy);
        X25519Field.mul(den1, Field.INVSQRT_A_MINUS_D, enchanted);
        X25519Field.mul(p.t, zInv, t);
        int rotate = -Field.isNegative(t);       // mask
        int[] x = Field.copyOf(p.x), y = Field.copyOf(p.y), denInv = Field.copyOf(den2);
        X25519Field.cmov(rotate, iy, 0, x, 0);
        X25519Field.cmov(rotate, ix, 0, y, 0);
        X25519Field.cmov(rotate, enchanted, 0, denInv, 0);
        X25519Field.mul(x, zInv, t);
        X25519Field.cnegate(Field.isNegative(t), y);
        int[] s = Field.create();
        X25519Field.sub(p.z, y, s);
        X25519Field.mul(s, denInv, s);
        Field.abs(s);
        return Field.encode(s);
    }

    /** True when p and q are the same Ristretto element: X1 Y2 = Y1 X2 or Y1 Y2 = X1 X2 (public data). */
    static boolean sameElement(EdwardsPoint p, EdwardsPoint q) {
        int[] l = Field.create(), r = Field.create();
        X25519Field.mul(p.x, q.y, l);
        X25519Field.mul(p.y, q.x, r);
        if (Field.equal(l, r) != 0) return true;
        X25519Field.mul(p.y, q.y, l);
        X25519Field.mul(p.x, q.x, r);
        return Field.equal(l, r) != 0;
    }
}
