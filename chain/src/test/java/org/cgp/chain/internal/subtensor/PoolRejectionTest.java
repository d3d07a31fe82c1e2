package org.cgp.chain.internal.subtensor;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PoolRejectionTest {
    @Test
    void customCodesAreNamed() {
        assertThat(PoolRejection.describe("{\"invalid\":{\"custom\":10}}")).hasValue("HotKeyNotRegisteredInNetwork (custom 10)");
        assertThat(PoolRejection.describe("Transaction has a bad signature: {\"invalid\":{\"custom\": 255}}")).hasValue("BadRequest (custom 255)");
        assertThat(PoolRejection.describe("{\"invalid\":{\"custom\":99}}")).hasValue("custom 99");
        assertThat(PoolRejection.describe("{\"invalid\":{\"badProof\":null}}")).isEmpty();
        assertThat(PoolRejection.describe(null)).isEmpty();
    }

    @Test
    void theWeightGuardsOf2026AreNamedAndTheirCodesRead() {
        assertThat(PoolRejection.describe("1010: Invalid Transaction {\"invalid\":{\"custom\":6}}")).hasValue("RateLimitExceeded (custom 6)");
        assertThat(PoolRejection.name(18)).isEqualTo("InputLengthsUnequal");
        assertThat(PoolRejection.name(19)).isEqualTo("HotKeyNotRegisteredInSubNet");
        assertThat(PoolRejection.name(15)).isEqualTo("InvalidRevealRound");
        assertThat(PoolRejection.code("{\"invalid\":{\"custom\": 6}}")).hasValue(6);
        assertThat(PoolRejection.code("{\"invalid\":{\"custom\":99999999999}}")).as("not an int").isEmpty();
        assertThat(PoolRejection.code("{\"invalid\":{\"stale\":null}}")).isEmpty();
    }
}
