package org.cgp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Bad flags and values stop start-up with one line naming the flag and exit code 2. */
class CgpCommandLineTest {
    @TempDir Path dir;

    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        CommandLine cl = Cgp.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    /**
     * The validator's flags with nothing given are the live defaults, which live in one place
     * (StepSettings, ValidatorConfig): a default written as a literal in a flag (an enum's name, a
     * number) that drifts from them fails here.
     */
    @Test
    void theValidatorsFlagDefaultsAreTheOnePlaceDefaults() throws Exception {
        ValidatorCommand cmd = new ValidatorCommand();
        new CommandLine(cmd).parseArgs("--netuid", "33", "--logging.logging_dir", dir.toString());
        Files.createDirectories(dir.resolve("default/default/netuid33/validator"));
        org.cgp.validator.ValidatorConfig config = cmd.config(java.util.Map.of());
        assertThat(config).isEqualTo(org.cgp.validator.ValidatorConfig.builder(org.cgp.validator.StepSettings.defaults(33), config.stateDir()).build());
        assertThat(config.stateDir()).endsWith(Path.of("validator"));
    }

    @Test
    void aNonNumericPortNamesTheFlag() {
        Run r = run("miner", "--axon.port", "eighty");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).contains("--axon.port").contains("eighty");
    }

    @Test
    void anUnknownFlagIsOneLine() {
        Run r = run("validator", "--neuron.sampel_size", "3");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).contains("--neuron.sampel_size");
    }

    @Test
    void anOutOfRangeValueNamesTheFlag() {
        Run r = run("miner", "--offline", "--wallet.uri", "//Bob", "--axon.port", "70000");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("cgp: --axon.port must be 0-65535, got 70000");
    }

    @Test
    void aBadEnumNamesTheFlagAndTheChoices() {
        Run r = run("validator", "--offline", "--wallet.uri", "//Alice", "--neuron.reward_distribution", "gauss");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--neuron.reward_distribution must be one of [linear, bell, cubic], got 'gauss'");
    }

    @Test
    void aMissingWalletNamesTheFileWithoutAStackTrace() {
        Run r = run("miner", "--offline", "--wallet.path", dir.toString(), "--wallet.name", "w", "--wallet.hotkey", "h");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).contains(dir.toString()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void aStoreThatCannotBeReachedStopsTheValidatorWithOneLineAndNoPassword() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path convos = java.nio.file.Files.writeString(dir.resolve("c.json"), "[{\"guid\": 1, \"lines\": [[0, \"hi\"], [1, \"hello\"]]}]");
        Run r = run("validator", "--offline", "--wallet.uri", "//Alice", "--logging.logging_dir", dir.toString(), "--conversations",
                convos.toString(), "--store", "jdbc:postgresql://127.0.0.1:" + port + "/cgp?user=v&password=pw-not-for-logs");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).startsWith("cgp: PostgreSQL store jdbc:postgresql://127.0.0.1:" + port).contains("cannot be opened")
                .doesNotContain("pw-not-for-logs");
        assertThat(r.out()).doesNotContain("pw-not-for-logs");
    }

    /** A second validator on a state directory in use stops before it builds its recorder, so it never re-sends the first one's spool. */
    @Test
    void aSecondValidatorOnOneStateDirectoryStopsBeforeTouchingItsSpool() throws Exception {
        Path state = dir.resolve("default/default/netuid33/validator");
        try (org.cgp.validator.state.StateLock held = org.cgp.validator.state.StateLock.acquire(state)) {
            Run r = run("validator", "--offline", "--wallet.uri", "//Alice", "--logging.logging_dir", dir.toString(), "--netuid", "33");
            assertThat(r.code()).isNotZero();
            assertThat(r.err().strip()).contains("is in use by another validator").satisfies(e -> assertThat(e.lines()).hasSize(1));
        }
        assertThat(state.resolve("spool")).as("no recorder was built: the spool was never opened").doesNotExist();
        assertThat(state.resolve("store-spool")).doesNotExist();
    }

    @Test
    void readingFromTheStoreNeedsAStore() {
        Run r = run("validator", "--offline", "--wallet.uri", "//Alice", "--logging.logging_dir", dir.toString(), "--conversations-from-store");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("cgp: --conversations-from-store needs a store: give --store or set CGP_STORE_URL");
    }

    @Test
    void aMissingConversationFileExitsTwoNamingIt() {
        Path missing = dir.resolve("nope.json");
        Run r = run("local", "--conversations", missing.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("cgp local: conversation file " + missing + ": not found");
    }

    @Test
    void aConversationFileThatIsNotJsonOrCsvExitsTwo() throws Exception {
        Path bad = Files.writeString(dir.resolve("notes.txt"), "just some words");
        Run r = run("local", "--conversations", bad.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("notes.txt").contains("neither JSON, CSV nor captions");
    }

    @Test
    void badWindowsValue() {
        Run r = run("local", "--windows", "some");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("cgp: --windows must be a positive number or 'all', got 'some'");
    }

    @Test
    void aMalformedCommitmentKeyStopsStartUpNamingItButNeverItsValue() {
        Run r = run("miner", "--offline", "--wallet.uri", "//Bob", "--commitment.public_key", "not-a-secret-but-not-hex");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).contains("--commitment.public_key must be 32 bytes of hex").doesNotContain("not-a-secret-but-not-hex");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ValidatorCommand.commitmentKey(java.util.Map.of("COMMITMENT_PRIVATE_KEY", "0xd0e8b8")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("COMMITMENT_PRIVATE_KEY must be 32 bytes of hex")
                .hasMessageNotContaining("d0e8b8");
        assertThat(ValidatorCommand.commitmentKey(java.util.Map.of("COMMITMENT_PRIVATE_KEY", " "))).as("empty: no key").isNull();
        assertThat(ValidatorCommand.commitmentKey(java.util.Map.of("COMMITMENT_PRIVATE_KEY", "ab".repeat(32)))).hasSize(32);
    }

    @Test
    void aCommitmentNeedsAnIpv4AddressNeverABindAddress() {
        Run r = run("miner", "--offline", "--wallet.uri", "//Bob", "--axon.ip", "0.0.0.0", "--commitment.public_key", "ab".repeat(32));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).startsWith("cgp: --axon.external_ip must be an IPv4 address other than 0.0.0.0");
        r = run("miner", "--offline", "--wallet.uri", "//Bob", "--commitment.placeholder_axon", "nowhere");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("cgp: --commitment.placeholder_axon must be IP:PORT, got 'nowhere'");
        assertThat(MinerCommand.isPublishableIpv4("203.0.113.9")).isTrue();
        assertThat(MinerCommand.isPublishableIpv4("::1")).isFalse();
        assertThat(MinerCommand.isPublishableIpv4("256.1.1.1")).isFalse();
    }

    @Test
    void theMinerSealsToTheBuiltInKeyOnChainAndOfflineOnlyWhenAsked() {
        assertThat(MinerCommand.commitmentKey(null, java.util.Map.of(), 33, true)).as("finney: built in").hasSize(32);
        assertThat(MinerCommand.commitmentKey(null, java.util.Map.of(), 33, false)).as("offline: none").isNull();
        assertThat(MinerCommand.commitmentKey(null, java.util.Map.of("COMMITMENT_PUBLIC_KEY", ""), 33, true)).as("set but empty: off").isNull();
        assertThat(MinerCommand.commitmentKey(null, java.util.Map.of(), 2, true)).as("a local netuid: none").isNull();
        assertThat(MinerCommand.commitmentKey("", java.util.Map.of("COMMITMENT_PUBLIC_KEY", "ab".repeat(32)), 33, true)).as("the flag wins").isNull();
    }

    @Test
    void weightsShowPrintsWhatTheValidatorSendsUnderTheSameWeightFlags() throws Exception {
        java.util.List<String> hotkeys = new java.util.ArrayList<>();
        StringBuilder mg = new StringBuilder("[");
        for (int uid = 0; uid < 5; uid++) {
            String hk = org.cgp.protocol.keys.Keypair.fromUri("//Node" + uid).ss58Address();
            hotkeys.add(hk);
            mg.append(uid == 0 ? "" : ",").append("{\"uid\": ").append(uid).append(", \"hotkey\": \"").append(hk)
                    .append("\", \"ip\": \"127.0.0.1\", \"port\": ").append(9000 + uid).append(uid == 0 ? ", \"owner\": true}" : "}");
        }
        Path metagraph = Files.writeString(dir.resolve("mg.json"), mg.append("]").toString());
        Path stateDir = dir.resolve("default/default/netuid33/validator");
        double[] ema = {0, 0.1, 0.4, 0.2, 0.3};
        new org.cgp.validator.state.ValidatorState(7, hotkeys, ema, 0).save(stateDir);
        String[] common = {"weights", "show", "--wallet.uri", "//Alice", "--offline.metagraph", metagraph.toString(), "--netuid", "33",
                "--logging.logging_dir", dir.toString()};
        String[] flags = {"--neuron.burn_rate", "0.5", "--neuron.burn_uid", "4", "--neuron.weights_curve", "proportional", "--neuron.weights_power", "1"};
        Run live = run(common);
        Run flagged = run(concat(common, flags));
        assertThat(live.code()).as(live.err()).isZero();
        assertThat(flagged.code()).as(flagged.err()).isZero();
        assertThat(flagged.out()).isNotEqualTo(live.out());

        // the validator's own computation under those flags
        org.cgp.validator.ValidatorConfig config = org.cgp.validator.ValidatorConfig.defaults(org.cgp.validator.StepSettings.defaults(33), stateDir)
                .withWeights(1, 4, 0.5, org.cgp.validator.WeightsCurve.PROPORTIONAL);
        org.cgp.chain.OfflineChain chain = Chains.readMetagraph(metagraph, 33);
        org.cgp.scoring.EmitWeights expected = new org.cgp.validator.WeightSetter(chain, org.cgp.protocol.keys.Keypair.fromUri("//Alice"), 33, config)
                .compute(ema, chain.hyperparameters(33));
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < expected.uids().length; i++) lines.append(String.format("uid %5d  weight %5d%n", expected.uids()[i], expected.weights()[i]));
        assertThat(flagged.out()).contains(lines.toString());
        assertThat(flagged.out()).as("half burnt to uid 4, the largest weight").contains(String.format("uid %5d  weight %5d%n", 4, 65535));
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void anOfflineMetagraphWithAGarbledCommitmentOrTwoOwnersIsOneLine() throws Exception {
        Path mg = Files.writeString(dir.resolve("mg.json"), "[{\"uid\": 0, \"hotkey\": \"5A\", \"commitment\": \"xyz\"}]");
        Run r = run("weights", "show", "--wallet.uri", "//Alice", "--offline.metagraph", mg.toString(), "--logging.logging_dir", dir.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("cgp: --offline.metagraph " + mg + ": uid 0's commitment is not hex");
        Files.writeString(mg, "[{\"uid\": 0, \"hotkey\": \"5A\", \"owner\": true}, {\"uid\": 1, \"hotkey\": \"5B\", \"owner\": true}]");
        r = run("weights", "show", "--wallet.uri", "//Alice", "--offline.metagraph", mg.toString(), "--logging.logging_dir", dir.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("more than one neuron is the owner");
    }

    @Test
    void theNetworkNameIsCaseInsensitiveForTheNetuidAndThePermit() {
        CommonOptions o = new CommonOptions();
        o.network = "Finney";
        assertThat(o.netuid()).isEqualTo(33);
        o.network = "TEST";
        assertThat(o.netuid()).isEqualTo(138);
        o.network = "ws://10.1.2.3:9944";
        org.assertj.core.api.Assertions.assertThatThrownBy(o::netuid).hasMessageContaining("--netuid is required");
        o.netuid = 33;
        assertThat(o.netuid()).isEqualTo(33);
    }

    @Test
    void numbersThatMeanNothingStopStartUpNamingTheFlag() {
        Run r = run("miner", "--offline", "--wallet.uri", "//Bob", "--blacklist.min_stake", "NaN");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("cgp: --blacklist.min_stake must be a finite number >= 0, got NaN");
        r = run("validator", "--offline", "--wallet.uri", "//Alice", "--logging.logging_dir", dir.toString(), "--neuron.vpermit_tao_limit", "NaN");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("cgp: --neuron.vpermit_tao_limit must be a finite number >= 0, got NaN");
        r = run("miner", "--offline", "--wallet.uri", "//Bob", "--metrics.port", "-1");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("cgp: --metrics.port must be 0 (off) or 1-65535, got -1");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ValidatorCommand.positive(0, "HTTP_TIMEOUT"))
                .hasMessage("HTTP_TIMEOUT must be at least 1, got 0");
    }
}
