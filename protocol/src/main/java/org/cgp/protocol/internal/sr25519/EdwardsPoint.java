package org.cgp.protocol.internal.sr25519;

import org.bouncycastle.math.ec.rfc7748.X25519Field;

/**
 * A point of the twisted Edwards curve -x^2 + y^2 = 1 + d x^2 y^2 in extended coordinates
 * (X:Y:Z:T) with x = X/Z, y = Y/Z, xy = T/Z; mutable, so a scalar multiplication allocates
 * nothing per step. Addition and doubling are the Hisil-Wong-Carter-Dawson formulas for a = -1
 * (8 multiplications per addition, 4 squarings and 4 multiplications per doubling); they are
 * complete on this curve and have no branches, so they are constant time.
 */
final class EdwardsPoint {
    final int[] x = Field.create();
    final int[] y = Field.create();
    final int[] z = Field.create();
    final int[] t = Field.create();

    // scratch for the formulas (one point is only ever used by one thread)
    private final int[] a = Field.create(), b = Field.create(), c = Field.create(), d = Field.create();
    private final int[] e = Field.create(), f = Field.create(), g = Field.create(), h = Field.create();

    static EdwardsPoint identity() {
        EdwardsPoint p = new EdwardsPoint();
        X25519Field.one(p.y);
        X25519Field.one(p.z);
        return p;
    }

    void set(EdwardsPoint q) {
        X25519Field.copy(q.x, 0, x, 0);
        X25519Field.copy(q.y, 0, y, 0);
        X25519Field.copy(q.z, 0, z, 0);
        X25519Field.copy(q.t, 0, t, 0);
    }

    /** {@code this := 2 this}; {@code withT} false skips T (when only a doubling follows). */
    void twice(boolean withT) {
        X25519Field.sqr(x, a);          // A = X^2
        X25519Field.sqr(y, b);          // B = Y^2
        X25519Field.sqr(z, c);
        X25519Field.add(c, c, c);       // C = 2 Z^2
        X25519Field.add(x, y, e);
        X25519Field.sqr(e, e);          // (X + Y)^2
        X25519Field.add(a, b, h);       // H = A + B
        X25519Field.sub(h, e, e);       // E = H - (X + Y)^2 = -2XY
        X25519Field.sub(a, b, g);       // G = A - B
        X25519Field.add(c, g, f);       // F = C + G
        X25519Field.carry(f);           // a sum of sums: carried before it is multiplied (as BouncyCastle's Ed25519 does)
        X25519Field.mul(e, f, x);       // X3 = E F
        X25519Field.mul(g, h, y);       // Y3 = G H
        X25519Field.mul(f, g, z);       // Z3 = F G
        if (withT) X25519Field.mul(e, h, t); // T3 = E H
    }

    /** {@code this := this + q} (q in cached form). */
    void add(Cached q) {
        X25519Field.sub(y, x, a);
        X25519Field.mul(a, q.yMinusX, a);   // A = (Y1 - X1)(Y2 - X2)
        X25519Field.add(y, x, b);
        X25519Field.mul(b, q.yPlusX, b);    // B = (Y1 + X1)(Y2 + X2)
        X25519Field.mul(t, q.t2d, c);       // C = 2d T1 T2
        X25519Field.mul(z, q.z2, d);        // D = 2 Z1 Z2
        finish();
    }

    /** {@code this := this - q}: the same formula with -q = (Y - X, Y + X, -2dT) swapped in. */
    void subtract(Cached q) {
        X25519Field.sub(y, x, a);
        X25519Field.mul(a, q.yPlusX, a);
        X25519Field.add(y, x, b);
        X25519Field.mul(b, q.yMinusX, b);
        X25519Field.mul(t, q.t2d, c);
        X25519Field.negate(c, c);
        X25519Field.mul(z, q.z2, d);
        finish();
    }

    private void finish() {
        X25519Field.sub(b, a, e);       // E = B - A
        X25519Field.sub(d, c, f);       // F = D - C
        X25519Field.add(d, c, g);       // G = D + C
        X25519Field.carry(g);
        X25519Field.add(b, a, h);       // H = B + A
        X25519Field.mul(e, f, x);
        X25519Field.mul(g, h, y);
        X25519Field.mul(e, h, t);
        X25519Field.mul(f, g, z);
    }

    /** This point in the form additions read: (Y + X, Y - X, 2Z, 2dT); Z = 1 after {@link Cached#normalize}. */
    Cached cached() {
        Cached q = new Cached();
        X25519Field.add(y, x, q.yPlusX);
        X25519Field.sub(y, x, q.yMinusX);
        X25519Field.add(z, z, q.z2);
        X25519Field.mul(t, Field.D2, q.t2d);
        return q;
    }

    /**
     * A point prepared for addition: (Y + X, Y - X, 2Z, 2dT). Constant-time selection from a table
     * ({@link #select}) and conditional negation ({@link #negateIf}) work on this form.
     */
    static final class Cached {
        final int[] yPlusX = Field.create();
        final int[] yMinusX = Field.create();
        final int[] z2 = Field.create();
        final int[] t2d = Field.create();

        /** The cached identity: (1, 1, 2, 0). */
        static Cached identity() {
            Cached q = new Cached();
            X25519Field.one(q.yPlusX);
            X25519Field.one(q.yMinusX);
            X25519Field.one(q.z2);
            X25519Field.add(q.z2, q.z2, q.z2);
            return q;
        }

        /** Scales to Z = 1 (affine), so later reads need no Z multiplication's worth of growth (public data only). */
        Cached normalize() {
            int[] halfZInv = Field.create();
            X25519Field.invVar(z2, halfZInv);     // 1 / 2Z
            X25519Field.add(halfZInv, halfZInv, halfZInv); // 1 / Z
            X25519Field.mul(yPlusX, halfZInv, yPlusX);
            X25519Field.mul(yMinusX, halfZInv, yMinusX);
            X25519Field.mul(t2d, halfZInv, t2d);
            X25519Field.one(z2);
            X25519Field.add(z2, z2, z2);
            X25519Field.normalize(yPlusX);
            X25519Field.normalize(yMinusX);
            X25519Field.normalize(t2d);
            return this;
        }

        /** {@code this := src} when {@code mask} is -1, unchanged when 0 (constant time). */
        void select(int mask, Cached src) {
            X25519Field.cmov(mask, src.yPlusX, 0, yPlusX, 0);
            X25519Field.cmov(mask, src.yMinusX, 0, yMinusX, 0);
            X25519Field.cmov(mask, src.z2, 0, z2, 0);
            X25519Field.cmov(mask, src.t2d, 0, t2d, 0);
        }

        /** {@code this := -this} when {@code negate} is 1, unchanged when 0 (constant time). */
        void negateIf(int negate) {
            X25519Field.cswap(negate, yPlusX, yMinusX);
            X25519Field.cnegate(negate, t2d);
        }
    }
}
