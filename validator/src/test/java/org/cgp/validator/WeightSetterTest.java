package org.cgp.validator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.cgp.chain.Neuron;
import org.cgp.chain.OfflineChain;
import org.cgp.chain.SubnetHyperparameters;
import org.cgp.protocol.axon.AxonInfo;
import org.cgp.protocol.keys.Keypair;
import org.cgp.scoring.EmitWeights;
import org.junit.jupiter.api.Test;

class WeightSetterTest {
    static final Keypair ALICE = Keypair.fromUri("//Alice");

    static OfflineChain chain(SubnetHyperparameters hp) {
        List<Neuron> neurons = List.of(
                Neuron.of(0, ALICE.ss58Address(), "c", 5000, true, new AxonInfo("0.0.0.0", 0, ALICE.ss58Address())),
                Neuron.of(1, "5B", "c", 1, false, new AxonInfo("127.0.0.1", 1, "5B")),
                Neuron.of(2, "5C", "c", 1, false, new AxonInfo("127.0.0.1", 2, "5C")),
                Neuron.of(3, "5D", "c", 1, false, new AxonInfo("127.0.0.1", 3, "5D")));
        return new OfflineChain(1, neurons, hp);
    }

    static ValidatorConfig config(int burnUid, double burnRate, double power) {
        return ValidatorConfig.builder(StepSettings.defaults(1), Path.of("unused")).weightsPower(power).burnUid(burnUid).burnRate(burnRate)
                .versionKey(7).idleAfterFailure(java.time.Duration.ofSeconds(1)).curve(WeightsCurve.PROPORTIONAL).build();
    }

    @Test
    void movingAveragesBecomeU16WeightsWithTheLargestAt65535() {
        OfflineChain chain = chain(SubnetHyperparameters.permissive());
        WeightSetter w = new WeightSetter(chain, ALICE, 1, config(-1, 0, 1));
        assertThat(w.set(new double[] {0, 0.1, 0.4, 0.2})).isTrue();
        OfflineChain.WeightsSet set = chain.weightsSet().get(0);
        assertThat(set.uids()).containsExactly(1, 2, 3);
        assertThat(set.weights()).containsExactly(16384, 65535, 32768);
        assertThat(set.versionKey()).isEqualTo(7);
        assertThat(set.hotkey()).isEqualTo(ALICE.ss58Address());
    }

    @Test
    void liveWeightsLeaveTheOwnerOutAndGiveEligibleUnscoredMinersTheFloor() {
        // LIVE-SUBNET-2.37.md D's worked example: uid 4 owns the subnet, uid 3 serves but was never scored, uid 5 serves nothing
        List<Neuron> neurons = new java.util.ArrayList<>();
        for (int uid = 0; uid < 6; uid++) {
            String hk = "5Miner" + uid;
            neurons.add(Neuron.of(uid, hk, "c", 1, false, new AxonInfo(uid == 5 ? "0.0.0.0" : "127.0.0.1", uid == 5 ? 0 : 1, hk)));
        }
        OfflineChain chain = new OfflineChain(1, neurons, SubnetHyperparameters.permissive(), "5Miner4");
        ValidatorConfig live = ValidatorConfig.defaults(StepSettings.defaults(1), Path.of("unused"));
        assertThat(live.burnRate()).as("nothing burnt by default, as since CGP 2.34.70").isZero();
        WeightSetter w = new WeightSetter(chain, ALICE, 1, live);
        assertThat(w.ownerUid(chain.metagraph(1), 6)).isEqualTo(4);
        assertThat(w.set(new double[] {0.2, 0.5, 0.3, 0, 0, 0})).isTrue();
        OfflineChain.WeightsSet set = chain.weightsSet().get(0);
        assertThat(set.uids()).containsExactly(0, 1, 2, 3);
        assertThat(set.weights()[0]).isCloseTo(32172, org.assertj.core.api.Assertions.within(1));
        assertThat(set.weights()[1]).isEqualTo(65535);
        assertThat(set.weights()[2]).isCloseTo(63152, org.assertj.core.api.Assertions.within(1));
        assertThat(set.weights()[3]).as("the floor of an eligible unscored miner").isCloseTo(2455, org.assertj.core.api.Assertions.within(1));
        // without an owner on the chain every uid is ranked: uid 4 now gets the floor too
        OfflineChain noOwner = new OfflineChain(1, neurons, SubnetHyperparameters.permissive());
        new WeightSetter(noOwner, ALICE, 1, live).set(new double[] {0.2, 0.5, 0.3, 0, 0, 0});
        assertThat(noOwner.weightsSet().get(0).uids()).containsExactly(0, 1, 2, 3, 4);
        // the old burn is still there for an operator who asks for it: 0.9 to the owner
        ValidatorConfig burning = live.toBuilder().burnUid(ValidatorConfig.OWNER).burnRate(0.9).versionKey(0).build();
        OfflineChain burnt = new OfflineChain(1, neurons, SubnetHyperparameters.permissive(), "5Miner4");
        new WeightSetter(burnt, ALICE, 1, burning).set(new double[] {0.2, 0.5, 0.3, 0, 0, 0});
        OfflineChain.WeightsSet b = burnt.weightsSet().get(0);
        assertThat(b.uids()).containsExactly(0, 1, 2, 3, 4);
        assertThat(b.weights()[4]).isEqualTo(65535);
    }

    /** An offline chain with commit-reveal on, whose reveal the test decides. */
    static class CommitRevealChain implements org.cgp.chain.Chain {
        final OfflineChain offline;
        boolean reveals;
        int hyperparameterReads;
        SubnetHyperparameters knownAtSet;
        CommitRevealChain(OfflineChain offline) { this.offline = offline; }
        @Override public long currentBlock() { return offline.currentBlock(); }
        @Override public org.cgp.chain.Metagraph metagraph(int netuid) { return offline.metagraph(netuid); }
        @Override public SubnetHyperparameters hyperparameters(int netuid) {
            hyperparameterReads++;
            return new SubnetHyperparameters(1, 0, 1, 65535, 0, true);
        }
        @Override public void setWeights(Keypair hotkey, int netuid, int[] uids, int[] weights, long versionKey, SubnetHyperparameters known) {
            knownAtSet = known;
            setWeights(hotkey, netuid, uids, weights, versionKey);
        }
        @Override public java.util.Optional<String> subnetOwnerHotkey(int netuid) { return java.util.Optional.empty(); }
        @Override public void serveAxon(Keypair hotkey, int netuid, AxonInfo axon) {}
        @Override public void setWeights(Keypair hotkey, int netuid, int[] uids, int[] weights, long versionKey) {
            offline.setWeights(hotkey, netuid, uids, weights, versionKey);
        }
        @Override public java.util.Optional<int[][]> weightsOf(int netuid, int uid) {
            if (!reveals || offline.weightsSet().isEmpty()) return java.util.Optional.of(new int[0][]);
            OfflineChain.WeightsSet w = offline.weightsSet().get(offline.weightsSet().size() - 1);
            int[][] out = new int[w.uids().length][];
            for (int i = 0; i < out.length; i++) out[i] = new int[] {w.uids()[i], w.weights()[i]};
            return java.util.Optional.of(out);
        }
    }

    @Test
    void aTimelockedCommitIsCheckedForItsRevealAfterTheRevealEpoch() {
        CommitRevealChain chain = new CommitRevealChain(chain(SubnetHyperparameters.permissive()));
        WeightSetter w = new WeightSetter(chain, ALICE, 1, config(-1, 0, 1));
        assertThat(w.checkReveal()).as("nothing committed").isEmpty();
        assertThat(w.set(new double[] {0, 0.1, 0.4, 0.2})).isTrue();
        assertThat(chain.hyperparameterReads).as("hyperparameters read once per weight setting").isEqualTo(1);
        assertThat(chain.knownAtSet).as("and handed to the chain with the weights").isNotNull();
        assertThat(chain.knownAtSet.commitRevealEnabled()).isTrue();
        assertThat(w.checkReveal()).as("not due yet").isEmpty();
        for (int i = 0; i < 20; i++) chain.currentBlock(); // the offline chain moves a block per read
        assertThat(w.checkReveal()).as("due, and the chain never revealed it").hasValue(false);
        assertThat(w.checkReveal()).as("checked once").isEmpty();
        chain.reveals = true;
        assertThat(w.set(new double[] {0, 0.1, 0.4, 0.2})).isTrue();
        for (int i = 0; i < 20; i++) chain.currentBlock();
        assertThat(w.checkReveal()).hasValue(true);
    }

    @Test
    void thePoolsRateLimitAndAPendingSubmissionAreWaitsAndAnyOtherRefusalAFailure() {
        OfflineChain offline = chain(SubnetHyperparameters.permissive());
        int[] refuseWith = {6};
        CommitRevealChain refusing = new CommitRevealChain(offline) {
            @Override public SubnetHyperparameters hyperparameters(int netuid) { return SubnetHyperparameters.permissive(); }

            @Override public void setWeights(Keypair hotkey, int netuid, int[] uids, int[] weights, long versionKey) {
                if (refuseWith[0] < 0) throw new org.cgp.chain.SubmissionPendingException("the set_weights sent before can still land", 7, 99);
                throw new org.cgp.chain.extrinsic.PoolRejectedException("set_weights was rejected before inclusion", refuseWith[0],
                        org.cgp.chain.internal.subtensor.PoolRejection.name(refuseWith[0]), null);
            }
        };
        WeightSetter w = new WeightSetter(refusing, ALICE, 1, config(-1, 0, 1));
        java.util.List<WeightsEvent> events = new java.util.ArrayList<>();
        w.addListener(events::add);
        assertThat(w.set(new double[] {0, 0.1, 0.4, 0.2})).isFalse();
        assertThat(events).as("a rate-limit wait is not a failed setting").isEmpty();
        refuseWith[0] = -1;
        assertThat(w.set(new double[] {0, 0.1, 0.4, 0.2})).isFalse();
        assertThat(events).as("nor is waiting for an earlier submission to land").isEmpty();
        refuseWith[0] = 19;
        assertThat(w.set(new double[] {0, 0.1, 0.4, 0.2})).isFalse();
        assertThat(events).extracting(WeightsEvent::outcome).containsExactly(WeightsEvent.Outcome.FAILED);
        assertThat(events.get(0).error()).contains("rejected before inclusion");
    }

    @Test
    void allZeroAveragesSetNothing() {
        OfflineChain chain = chain(SubnetHyperparameters.permissive());
        assertThat(new WeightSetter(chain, ALICE, 1, config(-1, 0, 1)).set(new double[4])).isFalse();
        assertThat(chain.weightsSet()).isEmpty();
    }

    @Test
    void theChainsMaxWeightLimitHoldsAfterRounding() {
        SubnetHyperparameters hp = new SubnetHyperparameters(360, 0, 1, 19661, 0, false);
        EmitWeights e = new WeightSetter(chain(hp), ALICE, 1, config(-1, 0, 1)).compute(new double[] {0, 0.05, 0.10, 0.15, 0.30, 0.40}, hp);
        long sum = 0;
        int max = 0;
        for (int v : e.weights()) {
            sum += v;
            max = Math.max(max, v);
        }
        assertThat((double) max / sum).isLessThanOrEqualTo(19661 / 65535.0);
    }

    @Test
    void theSubnetsRateLimitIsRespected() {
        OfflineChain chain = chain(new SubnetHyperparameters(360, 100, 1, 65535, 0, false));
        WeightSetter w = new WeightSetter(chain, ALICE, 1, config(-1, 0, 1));
        assertThat(w.set(new double[] {0, 0.1, 0.4, 0.2}, 99)).isFalse();
        assertThat(chain.weightsSet()).isEmpty();
        assertThat(w.set(new double[] {0, 0.1, 0.4, 0.2}, 100)).isTrue();
        assertThat(chain.weightsSet()).hasSize(1);
    }

    @Test
    void burnSendsItsShareToTheBurnUid() {
        OfflineChain chain = chain(SubnetHyperparameters.permissive());
        new WeightSetter(chain, ALICE, 1, config(0, 0.5, 1)).set(new double[] {0, 0.2, 0.2, 0});
        OfflineChain.WeightsSet set = chain.weightsSet().get(0);
        assertThat(set.uids()).containsExactly(0, 1, 2);
        assertThat(set.weights()).containsExactly(65535, 32768, 32768);
    }
}
