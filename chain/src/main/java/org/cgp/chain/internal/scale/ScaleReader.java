package org.cgp.chain.internal.scale;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/** A cursor over SCALE bytes: little-endian integers, compacts, bools, byte vectors and strings. */
public final class ScaleReader {
    private final byte[] data;
    private int pos;
    private final int end;

    public ScaleReader(byte[] data) { this(data, 0, data.length); }

    public ScaleReader(byte[] data, int offset, int end) {
        this.data = data;
        this.pos = offset;
        this.end = end;
    }

    public int position() { return pos; }

    public int remaining() { return end - pos; }

    public boolean hasRemaining() { return pos < end; }

    private void need(int n) {
        if (n < 0 || end - pos < n) {
            throw new ScaleException("truncated SCALE input: need " + n + " bytes at offset " + pos + ", have " + (end - pos));
        }
    }

    public int u8() {
        need(1);
        return data[pos++] & 0xff;
    }

    public int u16() {
        need(2);
        int v = (data[pos] & 0xff) | (data[pos + 1] & 0xff) << 8;
        pos += 2;
        return v;
    }

    public long u32() {
        need(4);
        long v = (data[pos] & 0xffL) | (data[pos + 1] & 0xffL) << 8 | (data[pos + 2] & 0xffL) << 16 | (data[pos + 3] & 0xffL) << 24;
        pos += 4;
        return v;
    }

    /** A u64 as a Java long (values above 2^63-1 come out negative; use {@link #u64Big()} for those). */
    public long u64() {
        need(8);
        long v = 0;
        for (int i = 7; i >= 0; i--) v = (v << 8) | (data[pos + i] & 0xffL);
        pos += 8;
        return v;
    }

    public BigInteger u64Big() { return unsignedLe(8); }

    public BigInteger u128() { return unsignedLe(16); }

    /** An unsigned little-endian integer of {@code n} bytes. */
    public BigInteger unsignedLe(int n) {
        need(n);
        byte[] be = new byte[n + 1];
        for (int i = 0; i < n; i++) be[n - i] = data[pos + i];
        pos += n;
        return new BigInteger(be);
    }

    /** A signed little-endian integer of {@code n} bytes. */
    public BigInteger signedLe(int n) {
        need(n);
        byte[] be = new byte[n];
        for (int i = 0; i < n; i++) be[n - 1 - i] = data[pos + i];
        pos += n;
        return new BigInteger(be);
    }

    public boolean bool() {
        int b = u8();
        if (b > 1) throw new ScaleException("invalid bool byte " + b + " at offset " + (pos - 1));
        return b == 1;
    }

    /** A compact integer that must fit a long (u64 compacts above 2^63-1 are rejected). */
    public long compactLong() {
        need(1);
        int first = data[pos] & 0xff;
        switch (first & 3) {
            case 0: pos += 1; return first >>> 2;
            case 1: return (u16() & 0xffff) >>> 2;
            case 2: return u32() >>> 2;
            default:
                int len = (first >>> 2) + 4;
                if (len > 8) {
                    BigInteger big = compactBig();
                    if (big.bitLength() > 63) throw new ScaleException("compact value " + big + " does not fit a long");
                    return big.longValue();
                }
                pos += 1;
                need(len);
                long v = 0;
                for (int i = len - 1; i >= 0; i--) v = (v << 8) | (data[pos + i] & 0xffL);
                pos += len;
                if (v < 0) throw new ScaleException("compact value above 2^63-1 at offset " + (pos - len - 1));
                return v;
        }
    }

    /** A compact integer of any size (up to u128 in practice). */
    public BigInteger compactBig() {
        need(1);
        int first = data[pos] & 0xff;
        if ((first & 3) != 3) return BigInteger.valueOf(compactLong());
        pos += 1;
        return unsignedLe((first >>> 2) + 4);
    }

    /** A compact length or count that must fit an int and the remaining input. */
    public int compactLength() {
        long n = compactLong();
        if (n > Integer.MAX_VALUE) throw new ScaleException("length " + n + " too large at offset " + pos);
        return (int) n;
    }

    public byte[] bytes(int n) {
        need(n);
        byte[] out = new byte[n];
        System.arraycopy(data, pos, out, 0, n);
        pos += n;
        return out;
    }

    public void skip(int n) {
        need(n);
        pos += n;
    }

    /** {@code Vec<u8>}: a compact length then that many bytes. */
    public byte[] vecU8() { return bytes(compactLength()); }

    public String string() { return new String(vecU8(), StandardCharsets.UTF_8); }

    /** Reads an {@code Option} tag: false for None, true when a value follows. */
    public boolean optionTag() {
        int tag = u8();
        if (tag > 1) throw new ScaleException("invalid Option tag " + tag + " at offset " + (pos - 1));
        return tag == 1;
    }

    /** Fails unless every byte was consumed; {@code what} names the value in the message. */
    public void expectEnd(String what) {
        if (pos != end) throw new ScaleException(what + ": " + (end - pos) + " trailing bytes after offset " + pos);
    }
}
