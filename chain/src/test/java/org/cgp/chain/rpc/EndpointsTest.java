package org.cgp.chain.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EndpointsTest {
    @Test
    void namedNetworksAndUrls() {
        assertThat(Endpoints.resolve("finney", null)).isEqualTo("wss://entrypoint-finney.opentensor.ai:443");
        assertThat(Endpoints.resolve("test", "")).isEqualTo("wss://test.finney.opentensor.ai:443");
        assertThat(Endpoints.resolve("local", null)).isEqualTo("ws://127.0.0.1:9944");
        assertThat(Endpoints.resolve(null, null)).isEqualTo(Endpoints.FINNEY);
        assertThat(Endpoints.resolve("ws://10.0.0.5:9944", null)).isEqualTo("ws://10.0.0.5:9944");
        assertThat(Endpoints.resolve("finney", "wss://node.example:443")).isEqualTo("wss://node.example:443");
        assertThat(Endpoints.nameOf(Endpoints.TEST)).isEqualTo("test");
    }

    @Test
    void badValuesSayWhatIsAccepted() {
        assertThatThrownBy(() -> Endpoints.resolve("mainnet", null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("finney, test");
        assertThatThrownBy(() -> Endpoints.resolve(null, "http://127.0.0.1:9944")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ws://");
    }

    @Test
    void oneRuleNamesTheNetworkWhateverTheCaseOrForm() {
        assertThat(Endpoints.networkName("Finney", null)).isEqualTo("finney");
        assertThat(Endpoints.networkName("FINNEY", null)).isEqualTo("finney");
        assertThat(Endpoints.networkName(" test ", null)).isEqualTo("test");
        assertThat(Endpoints.networkName("wss://entrypoint-finney.opentensor.ai:443", null)).isEqualTo("finney");
        assertThat(Endpoints.networkName("local", "wss://test.finney.opentensor.ai:443")).as("the endpoint wins").isEqualTo("test");
        assertThat(Endpoints.defaultNetuid(Endpoints.networkName("Finney", null))).isEqualTo(33);
        assertThat(Endpoints.defaultNetuid(Endpoints.networkName("archive", null))).as("archive is mainnet").isEqualTo(33);
        assertThat(Endpoints.defaultNetuid("test")).isEqualTo(138);
        assertThat(Endpoints.defaultNetuid("local")).isEqualTo(1);
        assertThatThrownBy(() -> Endpoints.defaultNetuid(Endpoints.networkName("ws://10.1.2.3:9944", null)))
                .hasMessageStartingWith("--netuid is required with the custom endpoint ws://10.1.2.3:9944");
    }
}
