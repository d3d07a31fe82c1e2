package org.cgp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.cgp.validator.state.ValidatorState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class WeightsCommandTest {
    @TempDir Path dir;

    record Run(int code, String out, String err) {}

    private Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Cgp.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private String[] common(String sub, String... more) throws Exception {
        Path mg = dir.resolve("metagraph.json");
        Files.writeString(mg, "[{\"uid\": 0, \"hotkey\": \"5A\"}, {\"uid\": 1, \"hotkey\": \"5B\"}, {\"uid\": 2, \"hotkey\": \"5C\"}]");
        List<String> args = new java.util.ArrayList<>(List.of("weights", sub, "--netuid", "1", "--wallet.uri", "//Alice",
                "--logging.logging_dir", dir.toString(), "--offline.metagraph", mg.toString()));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    @Test
    void showPrintsTheWeightsFromTheSavedStateAndHowTheyWouldGoOut() throws Exception {
        Path state = dir.resolve("default/default/netuid1/validator");
        new ValidatorState(3, List.of("5A", "5B", "5C"), new double[] {0, 0.2, 0.5}, 0).save(state);
        Run r = run(common("show"));
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("netuid 1: commit-reveal off, so these weights would be set with set_weights")
                .containsPattern("uid +2 +weight 65535").containsPattern("uid +1 +weight +\\d+").doesNotContainPattern("uid +0 +weight");
    }

    @Test
    void withoutStateOrWithoutAChainTheAnswerIsOneLine() throws Exception {
        Run none = run(common("show"));
        assertThat(none.code()).isEqualTo(2);
        assertThat(none.err().strip()).startsWith("cgp: no validator state in ").doesNotContain("\n");
        new ValidatorState(3, List.of("5A", "5B", "5C"), new double[] {0, 0.2, 0.5}, 0).save(dir.resolve("default/default/netuid1/validator"));
        Run commit = run(common("commit", "--dry-run"));
        assertThat(commit.code()).isEqualTo(2);
        assertThat(commit.err().strip()).isEqualTo("cgp: cgp weights commit needs a subtensor chain (not --offline)");
    }
}
