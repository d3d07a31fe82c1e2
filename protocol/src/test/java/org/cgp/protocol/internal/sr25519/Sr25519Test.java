package org.cgp.protocol.internal.sr25519;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class Sr25519Test {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte[] CTX = Sr25519.SUBSTRATE_CONTEXT;

    private static Sr25519SecretKey randomKey() {
        byte[] mini = new byte[32];
        RANDOM.nextBytes(mini);
        return Sr25519.expandMiniSecret(mini);
    }

    @Test
    void signThenVerify() {
        Sr25519SecretKey key = randomKey();
        byte[] msg = "hello".getBytes(StandardCharsets.UTF_8);
        byte[] sig = Sr25519.sign(key, CTX, msg, RANDOM);
        assertThat(sig).hasSize(64);
        assertThat(sig[63] & 0x80).isEqualTo(0x80);
        assertThat(Sr25519.verify(key.publicKey(), CTX, msg, sig)).isTrue();
    }

    @Test
    void signaturesAreRandomizedButBothVerify() {
        Sr25519SecretKey key = randomKey();
        byte[] msg = new byte[0];
        byte[] s1 = Sr25519.sign(key, CTX, msg, RANDOM);
        byte[] s2 = Sr25519.sign(key, CTX, msg, RANDOM);
        assertThat(s1).isNotEqualTo(s2);
        assertThat(Sr25519.verify(key.publicKey(), CTX, msg, s1)).isTrue();
        assertThat(Sr25519.verify(key.publicKey(), CTX, msg, s2)).isTrue();
    }

    @Test
    void rejectsTamperingWrongKeyAndWrongContext() {
        Sr25519SecretKey key = randomKey();
        byte[] msg = "message".getBytes(StandardCharsets.UTF_8);
        byte[] sig = Sr25519.sign(key, CTX, msg, RANDOM);
        byte[] otherMsg = "messagf".getBytes(StandardCharsets.UTF_8);
        assertThat(Sr25519.verify(key.publicKey(), CTX, otherMsg, sig)).isFalse();
        assertThat(Sr25519.verify(randomKey().publicKey(), CTX, msg, sig)).isFalse();
        assertThat(Sr25519.verify(key.publicKey(), "other".getBytes(StandardCharsets.US_ASCII), msg, sig)).isFalse();
        for (int i : new int[] {0, 31, 32, 62}) {
            byte[] bad = sig.clone();
            bad[i] ^= 1;
            assertThat(Sr25519.verify(key.publicKey(), CTX, msg, bad)).as("flip byte %d", i).isFalse();
        }
    }

    @Test
    void requiresMarkerBitAndCanonicalS() {
        Sr25519SecretKey key = randomKey();
        byte[] msg = "m".getBytes(StandardCharsets.UTF_8);
        byte[] sig = Sr25519.sign(key, CTX, msg, RANDOM);
        byte[] unmarked = sig.clone();
        unmarked[63] &= 0x7F;
        assertThat(Sr25519.verify(key.publicKey(), CTX, msg, unmarked)).isFalse();

        // s + l is the same residue but not canonical: must be rejected
        byte[] sPlusL = addL(Arrays.copyOfRange(sig, 32, 64));
        if (sPlusL != null) {
            byte[] nonCanonical = sig.clone();
            System.arraycopy(sPlusL, 0, nonCanonical, 32, 32);
            nonCanonical[63] |= (byte) 0x80;
            assertThat(Sr25519.verify(key.publicKey(), CTX, msg, nonCanonical)).isFalse();
        }
    }

    @Test
    void malformedInputsAreFalseNotExceptions() {
        byte[] msg = new byte[3];
        assertThat(Sr25519.verify(new byte[31], CTX, msg, new byte[64])).isFalse();
        assertThat(Sr25519.verify(new byte[32], CTX, msg, new byte[63])).isFalse();
        byte[] notAPoint = new byte[32];
        Arrays.fill(notAPoint, (byte) 0xFF);
        byte[] sig = new byte[64];
        sig[63] = (byte) 0x80;
        assertThat(Sr25519.verify(notAPoint, CTX, msg, sig)).isFalse();
        assertThat(Sr25519.verify(null, CTX, msg, sig)).isFalse();
    }

    @Test
    void softDerivedSecretMatchesSoftDerivedPublic() {
        Sr25519SecretKey parent = randomKey();
        byte[] cc = new byte[32];
        RANDOM.nextBytes(cc);
        Sr25519SecretKey child = Sr25519.softDerive(parent, cc, RANDOM);
        assertThat(child.publicKey()).isEqualTo(Sr25519.softDerivePublic(parent.publicKey(), cc));
        assertThat(child.publicKey()).isNotEqualTo(parent.publicKey());
        byte[] msg = "child".getBytes(StandardCharsets.UTF_8);
        assertThat(Sr25519.verify(child.publicKey(), CTX, msg, Sr25519.sign(child, CTX, msg, RANDOM))).isTrue();
    }

    @Test
    void secretKeyBytesRoundTripAndToStringHidesSecret() {
        Sr25519SecretKey key = randomKey();
        Sr25519SecretKey again = Sr25519SecretKey.fromBytes(key.toBytes());
        assertThat(again.publicKey()).isEqualTo(key.publicKey());
        assertThat(key.toString()).doesNotContain(java.util.HexFormat.of().formatHex(key.toBytes()).substring(0, 16));
    }

    // Our group code against curve25519-elisabeth, an independent Ristretto implementation.

    @Test
    void baseMultiplicationMatchesAnIndependentImplementation() {
        for (int i = 0; i < 200; i++) {
            cafe.cryptography.curve25519.Scalar k = randomScalar();
            assertThat(Ristretto.encode(ScalarMultiply.base(k.toByteArray())))
                .isEqualTo(cafe.cryptography.curve25519.Constants.RISTRETTO_GENERATOR_TABLE.multiply(k).compress().toByteArray());
        }
        assertThat(Ristretto.encode(ScalarMultiply.base(new byte[32]))).isEqualTo(new byte[32]); // 0 B is the identity
    }

    @Test
    void verificationEquationMatchesAnIndependentImplementation() {
        for (int i = 0; i < 200; i++) {
            cafe.cryptography.curve25519.Scalar s = randomScalar();
            cafe.cryptography.curve25519.Scalar c = randomScalar();
            byte[] wide = new byte[64];
            RANDOM.nextBytes(wide);
            cafe.cryptography.curve25519.RistrettoElement a = cafe.cryptography.curve25519.RistrettoElement.fromUniformBytes(wide);
            EdwardsPoint ours = Ristretto.decode(a.compress().toByteArray());
            assertThat(ours).isNotNull();
            byte[] expected = cafe.cryptography.curve25519.Constants.RISTRETTO_GENERATOR_TABLE.multiply(s)
                .subtract(a.multiply(c)).compress().toByteArray();
            assertThat(Ristretto.encode(ScalarMultiply.verifyEquation(s.toByteArray(), c.toByteArray(), new ScalarMultiply.KeyTable(ours)))).isEqualTo(expected);
        }
    }

    @Test
    void decodingAcceptsAndRejectsExactlyWhatAnIndependentImplementationDoes() {
        int accepted = 0;
        for (int i = 0; i < 2000; i++) {
            byte[] bytes = new byte[32];
            RANDOM.nextBytes(bytes);
            if (i % 4 != 0) bytes[0] &= (byte) 0xFE; // mostly non-negative, so many are points
            if (i % 3 != 0) bytes[31] &= 0x7F;
            boolean theirs;
            try {
                new cafe.cryptography.curve25519.CompressedRistretto(bytes).decompress();
                theirs = true;
            } catch (cafe.cryptography.curve25519.InvalidEncodingException e) {
                theirs = false;
            }
            EdwardsPoint ours = Ristretto.decode(bytes);
            assertThat(ours != null).as("decoding %s", java.util.HexFormat.of().formatHex(bytes)).isEqualTo(theirs);
            if (ours != null) {
                accepted++;
                assertThat(Ristretto.encode(ours)).isEqualTo(bytes);
            }
        }
        assertThat(accepted).isGreaterThan(300);
        byte[] nonCanonical = new byte[32]; // p + 2 = 2^255 - 17, even, but not reduced
        java.util.Arrays.fill(nonCanonical, (byte) 0xFF);
        nonCanonical[0] = (byte) 0xEF;
        nonCanonical[31] = 0x7F;
        assertThat(Ristretto.decode(nonCanonical)).isNull();
    }

    @Test
    void recodingsSumBackToTheScalar() {
        for (int i = 0; i < 200; i++) {
            byte[] k = randomScalar().toByteArray();
            java.math.BigInteger expected = new java.math.BigInteger(1, reversed(k));
            java.math.BigInteger radix = java.math.BigInteger.ZERO;
            byte[] digits = ScalarMultiply.radix16(k);
            for (int j = 63; j >= 0; j--) {
                assertThat((int) digits[j]).isBetween(-8, 8);
                radix = radix.shiftLeft(4).add(java.math.BigInteger.valueOf(digits[j]));
            }
            assertThat(radix).isEqualTo(expected);
            for (int w : new int[] {5, 8}) {
                byte[] naf = ScalarMultiply.nonAdjacentForm(k, w);
                java.math.BigInteger sum = java.math.BigInteger.ZERO;
                for (int j = 255; j >= 0; j--) {
                    if (naf[j] != 0) assertThat(naf[j] % 2).isNotZero();
                    assertThat(Math.abs(naf[j])).isLessThan(1 << (w - 1));
                    sum = sum.shiftLeft(1).add(java.math.BigInteger.valueOf(naf[j]));
                }
                assertThat(sum).isEqualTo(expected);
            }
        }
    }

    @Test
    void verificationStaysRightWhileTheKeyTableCacheTurnsOver() {
        byte[] msg = "cache".getBytes(StandardCharsets.US_ASCII);
        Sr25519SecretKey first = randomKey();
        byte[] firstSig = Sr25519.sign(first, CTX, msg, RANDOM);
        assertThat(Sr25519.verify(first.publicKey(), CTX, msg, firstSig)).isTrue();
        for (int i = 0; i < KeyTableCache.CAPACITY + 10; i++) {
            Sr25519SecretKey k = randomKey();
            byte[] sig = Sr25519.sign(k, CTX, msg, RANDOM);
            assertThat(Sr25519.verify(k.publicKey(), CTX, msg, sig)).isTrue();
            assertThat(Sr25519.verify(k.publicKey(), CTX, msg, firstSig)).isFalse();
        }
        assertThat(Sr25519.verify(first.publicKey(), CTX, msg, firstSig)).as("evicted, then decoded again").isTrue();
        assertThat(Sr25519.verify(first.publicKey(), CTX, "other".getBytes(StandardCharsets.US_ASCII), firstSig)).isFalse();
    }

    @Test
    void fieldConstantsAreTheRistrettoOnes() {
        // RFC 9496, section 4.1
        assertThat(Field.toBig(Field.SQRT_M1)).hasToString("19681161376707505956807079304988542015446066515923890162744021073123829784752");
        assertThat(Field.toBig(Field.INVSQRT_A_MINUS_D)).hasToString("54469307008909316920995813868745141605393597292927456921205312896311721017578");
    }

    private static cafe.cryptography.curve25519.Scalar randomScalar() {
        byte[] wide = new byte[64];
        RANDOM.nextBytes(wide);
        return cafe.cryptography.curve25519.Scalar.fromBytesModOrderWide(wide);
    }

    private static byte[] reversed(byte[] le) {
        byte[] be = new byte[le.length];
        for (int i = 0; i < le.length; i++) be[i] = le[le.length - 1 - i];
        return be;
    }

    /** Little-endian s + l, or null when it overflows 255 bits (then the bit test would catch it anyway). */
    private static byte[] addL(byte[] s) {
        java.math.BigInteger l = java.math.BigInteger.TWO.pow(252).add(new java.math.BigInteger("27742317777372353535851937790883648493"));
        byte[] be = new byte[32];
        for (int i = 0; i < 32; i++) {
            be[i] = s[31 - i];
        }
        java.math.BigInteger sum = new java.math.BigInteger(1, be).add(l);
        if (sum.bitLength() > 255) {
            return null;
        }
        byte[] sumBe = sum.toByteArray();
        byte[] out = new byte[32];
        for (int i = 0; i < sumBe.length && i < 32; i++) {
            out[i] = sumBe[sumBe.length - 1 - i];
        }
        return out;
    }
}
