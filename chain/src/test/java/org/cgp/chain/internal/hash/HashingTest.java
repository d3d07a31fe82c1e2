package org.cgp.chain.internal.hash;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.cgp.chain.internal.scale.Hex;
import org.junit.jupiter.api.Test;

class HashingTest {
    @Test
    void xxhash64KnownValues() {
        // reference values of XXH64 for the empty input and "abc" (seed 0)
        assertThat(Long.toHexString(XxHash64.hash(new byte[0], 0))).isEqualTo("ef46db3751d8e999");
        assertThat(Long.toHexString(XxHash64.hash("abc".getBytes(StandardCharsets.US_ASCII), 0))).isEqualTo("44bc2cf5ad770999");
    }

    @Test
    void twox128MatchesTheStoragePrefixesOfTheProtocolNotes() {
        assertThat(Hex.encode(Hashing.twox128("SubtensorModule"))).isEqualTo("658faa385070e074c85bf6b568cf0555");
        assertThat(Hex.encode(Hashing.twox128("System"))).isEqualTo("26aa394eea5630e07c48ae0c9558cef7");
        assertThat(Hex.encode(Hashing.twox128("Number"))).isEqualTo("02a5c1b19ab7a04f536c519aca4983ac");
        assertThat(Hex.encode(Hashing.twox128("Tempo"))).isEqualTo("7641384bb339f3758acddfd7053d3317");
        assertThat(Hex.encode(Hashing.twox128("WeightsSetRateLimit"))).isEqualTo("2d919f5b3b970cd2c91638872d3aa64c");
        assertThat(Hex.encode(Hashing.twox128("CommitRevealWeightsEnabled"))).isEqualTo("8fb0d3eb3d4ea01122652b09d1d43c65");
        assertThat(Hex.encode(Hashing.twox128("LastUpdate"))).isEqualTo("696e262a16e52255a69d8acd79354146");
        assertThat(Hex.encode(Hashing.twox128("Account"))).isEqualTo("b99d880ec681799c0cf30e8886371da9");
    }

    @Test
    void blake2b128OfAlice() {
        byte[] alice = Hex.decode("d43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d");
        assertThat(Hex.encode(Hashing.blake2b128(alice))).isEqualTo("de1e86a9a8c739864cf3cc5ec2bea59f");
        assertThat(Hashing.blake2b256(alice)).hasSize(32);
    }
}
