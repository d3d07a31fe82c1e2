package org.cgp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import org.cgp.chain.OfflineChain;
import org.cgp.protocol.commitment.CommitmentKeys;
import org.cgp.protocol.commitment.EndpointCommitment;
import org.cgp.protocol.keys.Keypair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The offline metagraph file carries a neuron's commitment and the subnet's owner into the offline chain. */
class OfflineMetagraphTest {
    @TempDir Path dir;

    @Test
    void commitmentsAndTheOwnerReachTheOfflineChain() throws Exception {
        byte[] key = CommitmentKeys.newPrivateKey();
        String miner = Keypair.generate().ss58Address();
        byte[] raw = EndpointCommitment.seal(CommitmentKeys.publicKeyOf(key), miner, "127.0.0.1", 18091);
        Path file = Files.writeString(dir.resolve("mg.json"), """
                [{"uid": 0, "hotkey": "5Owner", "owner": true},
                 {"uid": 1, "hotkey": "%s", "ip": "127.0.0.1", "port": 1, "commitment": "0x%s"}]
                """.formatted(miner, HexFormat.of().formatHex(raw)));
        OfflineChain chain = Chains.readMetagraph(file, 33);
        assertThat(chain.subnetOwnerHotkey(33)).hasValue("5Owner");
        assertThat(chain.commitments(33)).containsOnlyKeys(miner);
        assertThat(EndpointCommitment.open(key, chain.commitment(33, miner).orElseThrow().raw(), miner).address()).isEqualTo("127.0.0.1:18091");
        assertThat(chain.metagraph(33).neurons().get(1).axon().port()).isEqualTo(1);
    }
}
