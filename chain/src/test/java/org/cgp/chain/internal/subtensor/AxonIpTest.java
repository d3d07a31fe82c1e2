package org.cgp.chain.internal.subtensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class AxonIpTest {
    @Test
    void axonIpsBothWays() {
        assertThat(AxonIp.toText(BigInteger.valueOf(16909060))).isEqualTo("1.2.3.4");
        assertThat(AxonIp.toText(BigInteger.ZERO)).isEqualTo("0.0.0.0");
        assertThat(AxonIp.fromText("127.0.0.2")).isEqualTo(BigInteger.valueOf(0x7f000002L));
        BigInteger v6 = AxonIp.fromText("2001:db8::1");
        assertThat(AxonIp.ipType(v6)).isEqualTo(6);
        assertThat(AxonIp.toText(v6)).isEqualTo("2001:db8:0:0:0:0:0:1");
        assertThatThrownBy(() -> AxonIp.fromText("example.com")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AxonIp.fromText("1.2.3.300")).isInstanceOf(IllegalArgumentException.class);
    }
}
