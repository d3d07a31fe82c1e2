package org.cgp.chain.internal.scale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ScaleCodecTest {
    @ParameterizedTest(name = "compact {0} = {1}")
    @CsvSource({"0,00", "1,04", "63,fc", "64,0101", "16383,fdff", "16384,02000100", "1073741823,feffffff", "1073741824,0300000040",
            "18446744073709551615,13ffffffffffffffff"})
    void compactMatchesTheProtocolVectors(String value, String hex) {
        BigInteger v = new BigInteger(value);
        assertThat(Hex.encode(new ScaleWriter().compact(v).toByteArray())).isEqualTo(hex);
        ScaleReader r = new ScaleReader(Hex.decode(hex));
        assertThat(r.compactBig()).isEqualTo(v);
        assertThat(r.hasRemaining()).isFalse();
    }

    @Test
    void integersAreLittleEndian() {
        byte[] b = new ScaleWriter().u16(0x0102).u32(10002000).u64(-1L).u128(BigInteger.valueOf(16909060)).bool(true).toByteArray();
        assertThat(Hex.encode(b)).isEqualTo("0201" + "509e9800" + "ffffffffffffffff" + "04030201000000000000000000000000" + "01");
        ScaleReader r = new ScaleReader(b);
        assertThat(r.u16()).isEqualTo(0x0102);
        assertThat(r.u32()).isEqualTo(10002000L);
        assertThat(r.u64Big()).isEqualTo(new BigInteger("18446744073709551615"));
        assertThat(r.u128()).isEqualTo(BigInteger.valueOf(16909060));
        assertThat(r.bool()).isTrue();
    }

    @Test
    void vectorsStringsAndSignedValuesRoundTrip() {
        byte[] b = new ScaleWriter().vecU16(new int[] {0, 1}).string("héllo").signedLe(BigInteger.valueOf(-2), 4).toByteArray();
        assertThat(Hex.encode(b)).startsWith("0800000100");
        ScaleReader r = new ScaleReader(b);
        assertThat(r.compactLength()).isEqualTo(2);
        assertThat(r.u16()).isZero();
        assertThat(r.u16()).isEqualTo(1);
        assertThat(r.string()).isEqualTo("héllo");
        assertThat(r.signedLe(4)).isEqualTo(BigInteger.valueOf(-2));
    }

    @Test
    void truncatedInputAndBadTagsAreClearErrors() {
        assertThatThrownBy(() -> new ScaleReader(Hex.decode("0100")).u32()).isInstanceOf(ScaleException.class).hasMessageContaining("truncated");
        assertThatThrownBy(() -> new ScaleReader(new byte[] {2}).bool()).isInstanceOf(ScaleException.class).hasMessageContaining("bool");
        assertThatThrownBy(() -> new ScaleReader(new byte[] {5}).optionTag()).isInstanceOf(ScaleException.class).hasMessageContaining("Option");
        assertThatThrownBy(() -> new ScaleReader(Hex.decode("0400")).expectEnd("X")).isInstanceOf(ScaleException.class).hasMessageContaining("trailing");
        assertThatThrownBy(() -> new ScaleWriter().vecU16(new int[] {70000})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Hex.decode("0xzz")).isInstanceOf(IllegalArgumentException.class);
    }
}
