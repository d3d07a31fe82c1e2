package org.cgp.chain.internal.subtensor;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** Converts the chain's u128 axon ip to text and back (below 2^32 it is IPv4, otherwise IPv6). */
public final class AxonIp {
    private static final BigInteger IPV4_LIMIT = BigInteger.ONE.shiftLeft(32);

    private AxonIp() {}

    public static String toText(BigInteger ip) {
        if (ip.signum() < 0 || ip.bitLength() > 128) throw new IllegalArgumentException("not a u128 ip: " + ip);
        if (ip.compareTo(IPV4_LIMIT) < 0) {
            long v = ip.longValue();
            return ((v >>> 24) & 0xff) + "." + ((v >>> 16) & 0xff) + "." + ((v >>> 8) & 0xff) + "." + (v & 0xff);
        }
        byte[] be = ip.toByteArray();
        byte[] sixteen = new byte[16];
        int n = Math.min(16, be.length);
        System.arraycopy(be, be.length - n, sixteen, 16 - n, n);
        try {
            return InetAddress.getByAddress(sixteen).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The u128 of an IPv4 or IPv6 literal (no DNS lookups: host names are rejected). */
    public static BigInteger fromText(String ip) {
        if (ip == null || ip.isBlank()) throw new IllegalArgumentException("empty ip");
        String s = ip.trim();
        if (s.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            long v = 0;
            for (String part : s.split("\\.")) {
                int o = Integer.parseInt(part);
                if (o > 255) throw new IllegalArgumentException("not an IPv4 address: " + ip);
                v = (v << 8) | o;
            }
            return BigInteger.valueOf(v);
        }
        if (!s.contains(":") || !s.matches("[0-9a-fA-F:.\\[\\]%]+")) throw new IllegalArgumentException("not an IP literal: " + ip);
        try {
            byte[] b = InetAddress.getByName(s.replace("[", "").replace("]", "")).getAddress();
            return new BigInteger(1, b);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP literal: " + ip);
        }
    }

    /** 4 for IPv4 values (below 2^32), else 6. */
    public static int ipType(BigInteger ip) { return ip.compareTo(IPV4_LIMIT) < 0 ? 4 : 6; }
}
