package org.cgp.chain.internal.subtensor;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SubtensorClientTest {
    @Test
    void aRuntimeNewerThanTheSuiteCoversIsNamedInAWarning() {
        assertThat(SubtensorClient.untestedSpecWarning(218)).isEmpty();
        assertThat(SubtensorClient.untestedSpecWarning(SubtensorClient.NEWEST_TESTED_SPEC)).isEmpty();
        assertThat(SubtensorClient.untestedSpecWarning(452)).hasValueSatisfying(w -> assertThat(w).contains("runtime spec 452").contains("218, 293"));
    }
}
