package org.cgp.protocol.internal.sr25519;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The subset of STROBE-128 (v1.0.2) that Merlin transcripts use: meta-AD, AD, PRF and KEY,
 * over {@link KeccakF1600} with rate 166. The 200-byte state is kept as 25 little-endian lanes.
 * Mutable and not thread-safe; {@link #copy()} forks it.
 */
final class Strobe128 {
    private static final int RATE = 166;
    private static final int FLAG_I = 1;
    private static final int FLAG_A = 1 << 1;
    private static final int FLAG_C = 1 << 2;
    private static final int FLAG_T = 1 << 3;
    private static final int FLAG_M = 1 << 4;
    private static final int FLAG_K = 1 << 5;

    private final long[] lanes;
    private int pos;
    private int posBegin;
    private int curFlags;

    Strobe128(byte[] protocolLabel) {
        byte[] init = new byte[200];
        byte[] prefix = {1, (byte) (RATE + 2), 1, 0, 1, 96};
        System.arraycopy(prefix, 0, init, 0, prefix.length);
        byte[] version = "STROBEv1.0.2".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(version, 0, init, 6, version.length);
        KeccakF1600.permute(init);
        lanes = new long[25];
        for (int i = 0; i < 200; i++) {
            lanes[i >>> 3] |= (init[i] & 0xFFL) << ((i & 7) << 3);
        }
        metaAd(protocolLabel, false);
    }

    private Strobe128(Strobe128 other) {
        lanes = other.lanes.clone();
        pos = other.pos;
        posBegin = other.posBegin;
        curFlags = other.curFlags;
    }

    Strobe128 copy() {
        return new Strobe128(this);
    }

    void metaAd(byte[] data, boolean more) {
        beginOp(FLAG_M | FLAG_A, more);
        absorb(data);
    }

    void ad(byte[] data, boolean more) {
        beginOp(FLAG_A, more);
        absorb(data);
    }

    void prf(byte[] out, boolean more) {
        beginOp(FLAG_I | FLAG_A | FLAG_C, more);
        squeeze(out);
    }

    void key(byte[] data, boolean more) {
        beginOp(FLAG_A | FLAG_C, more);
        overwrite(data);
    }

    /** Overwrites the whole state with zeros (for discarding secret-bearing forks). */
    void wipe() {
        Arrays.fill(lanes, 0L);
    }

    private void xorByte(int index, int value) {
        lanes[index >>> 3] ^= (value & 0xFFL) << ((index & 7) << 3);
    }

    private int byteAt(int index) {
        return (int) (lanes[index >>> 3] >>> ((index & 7) << 3)) & 0xFF;
    }

    private void setByte(int index, int value) {
        int shift = (index & 7) << 3;
        lanes[index >>> 3] = (lanes[index >>> 3] & ~(0xFFL << shift)) | ((value & 0xFFL) << shift);
    }

    private void runF() {
        xorByte(pos, posBegin);
        xorByte(pos + 1, 0x04);
        xorByte(RATE + 1, 0x80);
        KeccakF1600.permute(lanes);
        pos = 0;
        posBegin = 0;
    }

    private void absorb(byte[] data) {
        for (byte b : data) {
            xorByte(pos, b);
            if (++pos == RATE) {
                runF();
            }
        }
    }

    private void overwrite(byte[] data) {
        for (byte b : data) {
            setByte(pos, b);
            if (++pos == RATE) {
                runF();
            }
        }
    }

    private void squeeze(byte[] out) {
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) byteAt(pos);
            setByte(pos, 0);
            if (++pos == RATE) {
                runF();
            }
        }
    }

    private void beginOp(int flags, boolean more) {
        if (more) {
            if (flags != curFlags) {
                throw new IllegalStateException("STROBE: continued operation with different flags");
            }
            return;
        }
        if ((flags & FLAG_T) != 0) {
            throw new IllegalStateException("STROBE: transport operations are not supported");
        }
        int oldBegin = posBegin;
        posBegin = pos + 1;
        curFlags = flags;
        absorb(new byte[] {(byte) oldBegin, (byte) flags});
        boolean forceF = (flags & (FLAG_C | FLAG_K)) != 0;
        if (forceF && pos != 0) {
            runF();
        }
    }
}
