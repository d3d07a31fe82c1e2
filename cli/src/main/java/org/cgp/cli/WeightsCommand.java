package org.cgp.cli;

import java.nio.file.Path;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import org.cgp.chain.Chain;
import org.cgp.chain.SubnetHyperparameters;
import org.cgp.chain.SubtensorChain;
import org.cgp.chain.tle.Timelock;
import org.cgp.protocol.keys.Keypair;
import org.cgp.scoring.EmitWeights;
import org.cgp.scoring.MovingAverage;
import org.cgp.validator.Scores;
import org.cgp.validator.StepSettings;
import org.cgp.validator.ValidatorConfig;
import org.cgp.validator.WeightSetter;
import org.cgp.validator.state.ValidatorState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code cgp weights show | commit --dry-run}: what this validator would put on chain now, from its saved moving averages. */
@Command(name = "weights", mixinStandardHelpOptions = true, description = "Show the weights this validator would set or commit now.",
        subcommands = {WeightsCommand.Show.class, WeightsCommand.Commit.class})
public final class WeightsCommand implements Runnable {
    @Override public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    /** The u16 weights from the state file, as the validator would compute them now. */
    abstract static class Base {
        @Mixin CommonOptions common;

        @Mixin WeightsOptions weightsOptions;

        @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

        java.io.PrintWriter out() { return spec.commandLine().getOut(); }

        @Option(names = "--offline.metagraph", description = "JSON list of neurons to use instead of a chain")
        Path offlineMetagraph;

        /** The validator's own weight setter under the same weight flags, so the weights and version key are the ones it would send. */
        WeightSetter weightSetter(Chain chain, Keypair hotkey) {
            ValidatorConfig config = weightsOptions.applyTo(ValidatorConfig.defaults(StepSettings.defaults(common.netuid()), common.fullPath("validator")));
            return new WeightSetter(chain, hotkey, common.netuid(), config);
        }

        EmitWeights weights(Chain chain, WeightSetter setter, SubnetHyperparameters hp) {
            Path stateDir = common.fullPath("validator");
            ValidatorState state = ValidatorState.load(stateDir);
            if (state == null) throw new IllegalArgumentException("no validator state in " + stateDir + " (has this validator run a step yet?)");
            Scores scores = Scores.restore(MovingAverage.DEFAULT_ALPHA, state); // alpha only moves averages; none moves here
            scores.alignTo(chain.metagraph(common.netuid()).hotkeys());
            return setter.compute(scores.values(), hp);
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "The uids and u16 weights, and whether they would be committed or set.")
    static final class Show extends Base implements Callable<Integer> {
        @Override public Integer call() throws Exception {
            Logging.configure(common.debug, common.trace);
            Keypair hotkey = Hotkeys.resolve(common);
            try (Chain chain = Chains.open(common, offlineMetagraph)) {
                SubnetHyperparameters hp = chain.hyperparameters(common.netuid());
                EmitWeights w = weights(chain, weightSetter(chain, hotkey), hp);
                out().printf("netuid %d: commit-reveal %s, so these weights would be %s%n", common.netuid(),
                        hp.commitRevealEnabled() ? "on" : "off", hp.commitRevealEnabled() ? "committed (timelocked)" : "set with set_weights");
                if (w.isEmpty()) out().println("(no weights: every moving average is 0)");
                for (int i = 0; i < w.uids().length; i++) out().printf("uid %5d  weight %5d%n", w.uids()[i], w.weights()[i]);
            }
            out().flush();
            return 0;
        }
    }

    @Command(name = "commit", mixinStandardHelpOptions = true, description = "The timelocked commit that would be sent now (only --dry-run).")
    static final class Commit extends Base implements Callable<Integer> {
        @Option(names = "--dry-run", required = true, description = "Build and print the commit; never send it (the validator commits by itself)")
        boolean dryRun;

        @Option(names = "--round", defaultValue = "0", description = "Encrypt to this drand round instead of the reveal epoch's (a test round)")
        long round;

        @Option(names = "--signature", description = "That round's drand signature (hex, G1 compressed): decrypt the commit again to check it")
        String signature;

        @Override public Integer call() throws Exception {
            Logging.configure(common.debug, common.trace);
            Keypair hotkey = Hotkeys.resolve(common);
            try (Chain chain = Chains.open(common, offlineMetagraph)) {
                if (!(chain instanceof SubtensorChain sub)) throw new IllegalArgumentException("cgp weights commit needs a subtensor chain (not --offline)");
                SubnetHyperparameters hp = chain.hyperparameters(common.netuid());
                WeightSetter setter = weightSetter(chain, hotkey);
                EmitWeights w = weights(chain, setter, hp);
                if (w.isEmpty()) throw new IllegalArgumentException("no weights to commit: every moving average is 0");
                long version = setter.versionKey(hp);
                SubtensorChain.TimelockedCommitPlan plan = sub.planTimelockedCommit(hotkey.publicKey(), common.netuid(), w.uids(), w.weights(),
                        version, System.currentTimeMillis() / 1000.0, round);
                out().printf("call %s, reveal round %d, commit-reveal version %d, %d uids, %d bytes%n", plan.kind().call, plan.revealRound(),
                        plan.version(), w.uids().length, plan.commit().length);
                out().println("ciphertext " + HexFormat.of().formatHex(plan.commit()));
                if (signature != null) {
                    byte[] payload = Timelock.quicknet().decrypt(plan.commit(), HexFormat.of().parseHex(signature.replaceFirst("^0x", "")));
                    out().println("decrypted payload " + HexFormat.of().formatHex(payload));
                }
            }
            out().flush();
            return 0;
        }
    }
}
