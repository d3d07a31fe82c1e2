package org.cgp.chain.internal.scale;

/** Lower-case hex with an optional {@code 0x} prefix, as JSON-RPC carries bytes. */
public final class Hex {
    private static final char[] DIGITS = "0123456789abcdef".toCharArray();

    private Hex() {}

    public static String encode(byte[] bytes) {
        char[] out = new char[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            out[2 * i] = DIGITS[(bytes[i] >> 4) & 0xf];
            out[2 * i + 1] = DIGITS[bytes[i] & 0xf];
        }
        return new String(out);
    }

    /** {@code 0x} followed by the lower-case hex of {@code bytes}. */
    public static String prefixed(byte[] bytes) { return "0x" + encode(bytes); }

    public static byte[] decode(String hex) {
        String s = hex.startsWith("0x") || hex.startsWith("0X") ? hex.substring(2) : hex;
        if (s.length() % 2 != 0) throw new IllegalArgumentException("odd-length hex string (" + s.length() + " digits)");
        byte[] out = new byte[s.length() / 2];
        for (int i = 0; i < out.length; i++) {
            int hi = Character.digit(s.charAt(2 * i), 16), lo = Character.digit(s.charAt(2 * i + 1), 16);
            if (hi < 0 || lo < 0) throw new IllegalArgumentException("not a hex digit at position " + (2 * i));
            out[i] = (byte) ((hi << 4) | lo);
        }
        return out;
    }
}
