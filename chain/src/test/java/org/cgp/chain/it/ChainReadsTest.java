package org.cgp.chain.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.cgp.chain.ChainException;
import org.cgp.chain.Metagraph;
import org.cgp.chain.SubnetHyperparameters;
import org.cgp.chain.SubtensorChain;
import org.cgp.chain.internal.subtensor.SubtensorClient;
import org.cgp.chain.internal.metadata.RuntimeMetadata;
import org.cgp.chain.rpc.RpcConfig;
import org.cgp.chain.rpc.RpcErrorException;
import org.cgp.chain.internal.scale.Hex;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Reads against the real subtensor runtime 218 under chopsticks (no signing needed). */
@ExtendWith(ChopsticksExtension.class)
@org.junit.jupiter.api.Tag("peer")
class ChainReadsTest {
    private static SubtensorClient client;
    private static SubtensorChain chain;

    @BeforeAll
    static void connect(Chopsticks node) {
        client = SubtensorClient.connect(node.wsUrl(), RpcConfig.defaults());
        chain = new SubtensorChain(client);
    }

    @AfterAll
    static void close() {
        if (chain != null) chain.close();
    }

    @Test
    void runtimeVersionGenesisAndBlock() {
        assertThat(client.runtimeVersion().specVersion()).isEqualTo(218);
        assertThat(client.genesisHash()).hasSize(32);
        assertThat(chain.currentBlock()).isGreaterThanOrEqualTo(0);
    }

    @Test
    void metadataGivesCallIndicesAndExtensions() {
        RuntimeMetadata md = client.metadata();
        assertThat(md.version()).isIn(14, 15);
        assertThat(md.pallet("SubtensorModule").index()).isEqualTo(7);
        assertThat(md.call("SubtensorModule", "set_weights").index()).isZero();
        assertThat(md.call("SubtensorModule", "serve_axon").index()).isEqualTo(4);
        assertThat(md.call("SubtensorModule", "register_network").index()).isEqualTo(59);
        assertThat(md.call("SubtensorModule", "commit_weights").index()).isEqualTo(96);
        assertThat(md.signedExtensions()).extracting(e -> e.identifier())
                .contains("CheckSpecVersion", "CheckMortality", "CheckNonce", "ChargeTransactionPayment", "CheckMetadataHash");
        assertThat(md.moduleError(7, md.types().def(md.pallet("SubtensorModule").errorType()) instanceof org.cgp.chain.internal.metadata.TypeDef.VariantDef v
                ? v.byName("SettingWeightsTooFast").orElseThrow().index() : -1)).hasToString("SubtensorModule.SettingWeightsTooFast");
    }

    @Test
    void metagraphOfTheGenesisSubnet() {
        Metagraph mg = chain.metagraph(1);
        assertThat(mg.netuid()).isEqualTo(1);
        assertThat(mg.n()).isGreaterThanOrEqualTo(1);
        assertThat(mg.neurons().get(0).uid()).isZero();
        assertThat(mg.neurons().get(0).hotkey()).startsWith("5");
    }

    @Test
    void hyperparametersFromStorage() {
        SubnetHyperparameters hp = chain.hyperparameters(1);
        assertThat(hp.tempo()).isPositive();
        assertThat(hp.maxWeightsLimit()).isBetween(0, 65535);
        assertThat(hp.weightsRateLimit()).isGreaterThanOrEqualTo(0);
    }

    @Test
    void storageOfAlice() {
        Object account = client.storage("System", "Account",
                Hex.decode("d43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d"));
        assertThat(account).isInstanceOf(java.util.Map.class);
        assertThat(((java.util.Map<?, ?>) account).get("data")).isNotNull();
    }

    @Test
    void rpcErrorObjectNamesTheCall() {
        assertThatThrownBy(() -> client.stateCall("NoSuchApi_nothing", new byte[0], null))
                .isInstanceOf(RpcErrorException.class).hasMessageContaining("state_call");
    }

    @Test
    void unreachableEndpointIsAClearError() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        RpcConfig quick = RpcConfig.defaults().withConnectAttempts(2).withBackoff(Duration.ofMillis(50), Duration.ofMillis(100));
        try (SubtensorChain dead = SubtensorChain.connect("local", "ws://127.0.0.1:" + port, quick)) {
            assertThatThrownBy(dead::currentBlock).isInstanceOf(ChainException.class)
                    .hasMessageContaining("chain_getHeader").hasMessageContaining("cannot reach ws://127.0.0.1:" + port);
        }
    }

    @Test
    void theV14MetadataOfStateGetMetadataReadsTheSameAsV15() {
        RuntimeMetadata v15 = client.metadata();
        RuntimeMetadata v14 = org.cgp.chain.internal.metadata.MetadataDecoder.decode(Hex.decode(client.rpc().call("state_getMetadata").asText()));
        assertThat(v14.version()).isEqualTo(14);
        assertThat(v14.signedExtensions()).extracting(e -> e.identifier())
                .containsExactlyElementsOf(v15.signedExtensions().stream().map(e -> e.identifier()).toList());
        assertThat(v14.call("SubtensorModule", "serve_axon")).isEqualTo(v15.call("SubtensorModule", "serve_axon"));
        assertThat(v14.storage("SubtensorModule", "Weights").hashers()).isEqualTo(v15.storage("SubtensorModule", "Weights").hashers());
        assertThat(v14.pallets()).hasSameSizeAs(v15.pallets());
    }

    @Test
    void aTransactionThePoolRejectsNamesTheCall() {
        org.cgp.protocol.keys.Keypair alice = org.cgp.protocol.keys.Keypair.fromUri("//Alice");
        org.cgp.chain.internal.subtensor.ExtrinsicSubmitter submitter =
                new org.cgp.chain.internal.subtensor.ExtrinsicSubmitter(client, Duration.ofSeconds(60), 64);
        org.cgp.chain.extrinsic.SignedExtrinsic xt =
                submitter.sign(new org.cgp.chain.internal.subtensor.SubtensorCalls(client.metadata()).transfer(org.cgp.protocol.keys.Keypair.fromUri("//Ferdie").publicKey(), 1_000_000), alice);
        assertThat(submitter.submitAndWatch(xt).events()).contains("System.ExtrinsicSuccess");
        assertThatThrownBy(() -> submitter.submitAndWatch(xt)) // same nonce again: stale
                .isInstanceOf(ChainException.class)
                .hasMessageContaining("Balances.transfer_allow_death by " + alice.ss58Address())
                .hasMessageContaining("rejected before inclusion");
    }
}
