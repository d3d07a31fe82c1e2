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
}
