package org.cgp.chain.internal.scale;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Appends SCALE-encoded values to a growing buffer. */
public final class ScaleWriter {
    private byte[] buf;
    private int size;

    public ScaleWriter() { this(64); }

    public ScaleWriter(int capacity) { buf = new byte[Math.max(16, capacity)]; }

    private void ensure(int extra) {
        if (size + extra > buf.length) buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + extra));
    }

    public ScaleWriter u8(int v) {
        ensure(1);
        buf[size++] = (byte) v;
        return this;
    }

    public ScaleWriter u16(int v) { return le(v, 2); }

    public ScaleWriter u32(long v) { return le(v, 4); }

    public ScaleWriter u64(long v) { return le(v, 8); }

    private ScaleWriter le(long v, int n) {
        ensure(n);
        for (int i = 0; i < n; i++) buf[size++] = (byte) (v >>> (8 * i));
        return this;
    }

    /** An unsigned integer as {@code n} little-endian bytes; fails if it does not fit. */
    public ScaleWriter unsignedLe(BigInteger v, int n) {
        if (v.signum() < 0 || v.bitLength() > 8 * n) throw new IllegalArgumentException(v + " does not fit " + n + " unsigned bytes");
        byte[] be = v.toByteArray();
        ensure(n);
        for (int i = 0; i < n; i++) {
            int j = be.length - 1 - i;
            buf[size++] = j >= 0 ? be[j] : 0;
        }
        return this;
    }

    /** A signed (two's complement) integer as {@code n} little-endian bytes. */
    public ScaleWriter signedLe(BigInteger v, int n) {
        if (v.bitLength() > 8 * n - 1) throw new IllegalArgumentException(v + " does not fit " + n + " signed bytes");
        byte[] be = v.toByteArray();
        byte pad = (byte) (v.signum() < 0 ? 0xff : 0);
        ensure(n);
        for (int i = 0; i < n; i++) {
            int j = be.length - 1 - i;
            buf[size++] = j >= 0 ? be[j] : pad;
        }
        return this;
    }

    public ScaleWriter u128(BigInteger v) { return unsignedLe(v, 16); }

    public ScaleWriter bool(boolean b) { return u8(b ? 1 : 0); }

    public ScaleWriter compact(long v) {
        if (v < 0) throw new IllegalArgumentException("compact of a negative number " + v);
        if (v < 1L << 6) return u8((int) (v << 2));
        if (v < 1L << 14) return u16((int) ((v << 2) | 1));
        if (v < 1L << 30) return u32((v << 2) | 2);
        return compact(BigInteger.valueOf(v));
    }

    public ScaleWriter compact(BigInteger v) {
        if (v.signum() < 0) throw new IllegalArgumentException("compact of a negative number " + v);
        if (v.bitLength() <= 30) return compact(v.longValue());
        int len = (v.bitLength() + 7) / 8;
        if (len > 67) throw new IllegalArgumentException("compact value too large: " + len + " bytes");
        u8(((len - 4) << 2) | 3);
        return unsignedLe(v, len);
    }

    public ScaleWriter raw(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buf, size, bytes.length);
        size += bytes.length;
        return this;
    }

    /** {@code Vec<u8>}: compact length then the bytes. */
    public ScaleWriter vecU8(byte[] bytes) { return compact(bytes.length).raw(bytes); }

    public ScaleWriter string(String s) { return vecU8(s.getBytes(StandardCharsets.UTF_8)); }

    /** {@code Vec<u16>} from int values 0..65535. */
    public ScaleWriter vecU16(int[] values) {
        compact(values.length);
        for (int v : values) {
            if (v < 0 || v > 0xffff) throw new IllegalArgumentException("not a u16: " + v);
            u16(v);
        }
        return this;
    }

    public int size() { return size; }

    public byte[] toByteArray() { return Arrays.copyOf(buf, size); }
}
