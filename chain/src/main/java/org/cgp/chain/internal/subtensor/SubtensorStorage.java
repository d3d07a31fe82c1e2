package org.cgp.chain.internal.subtensor;

import java.util.List;
import java.util.Optional;
import org.cgp.chain.ChainException;

/** The SubtensorModule storage items this client reads, each with its value type. */
public final class SubtensorStorage {
    public static final String PALLET = "SubtensorModule";

    public static final StorageItem<Long> TEMPO = StorageItem.number(PALLET, "Tempo");
    public static final StorageItem<Long> WEIGHTS_SET_RATE_LIMIT = StorageItem.number(PALLET, "WeightsSetRateLimit");
    public static final StorageItem<Long> MIN_ALLOWED_WEIGHTS = StorageItem.number(PALLET, "MinAllowedWeights");
    public static final StorageItem<Long> MAX_WEIGHTS_LIMIT = StorageItem.number(PALLET, "MaxWeightsLimit");
    public static final StorageItem<Long> WEIGHTS_VERSION_KEY = StorageItem.number(PALLET, "WeightsVersionKey");
    public static final StorageItem<Boolean> COMMIT_REVEAL_WEIGHTS_ENABLED = StorageItem.bool(PALLET, "CommitRevealWeightsEnabled");
    /** Absent on older runtimes: read with {@link SubtensorClient#readOptional}. */
    public static final StorageItem<Long> REVEAL_PERIOD_EPOCHS = StorageItem.number(PALLET, "RevealPeriodEpochs");
    public static final StorageItem<Long> COMMIT_REVEAL_WEIGHTS_VERSION = StorageItem.number(PALLET, "CommitRevealWeightsVersion");
    /** The stateful epoch schedule (spec ~423 on); all four absent before it. */
    public static final StorageItem<Long> LAST_EPOCH_BLOCK = StorageItem.number(PALLET, "LastEpochBlock");
    public static final StorageItem<Long> PENDING_EPOCH_AT = StorageItem.number(PALLET, "PendingEpochAt");
    public static final StorageItem<Long> SUBNET_EPOCH_INDEX = StorageItem.number(PALLET, "SubnetEpochIndex");
    public static final StorageItem<Long> BLOCKS_SINCE_LAST_STEP = StorageItem.number(PALLET, "BlocksSinceLastStep");

    /** The owner's account id; empty when unset (the chain's default is 32 zero bytes). */
    public static final StorageItem<Optional<byte[]>> SUBNET_OWNER_HOTKEY = new StorageItem<>(PALLET, "SubnetOwnerHotkey", v -> {
        if (v == null) return Optional.empty();
        if (v instanceof byte[] b && b.length == 32) {
            boolean zero = true;
            for (byte x : b) zero &= x == 0;
            return zero ? Optional.empty() : Optional.of(b);
        }
        throw new ChainException(PALLET + ".SubnetOwnerHotkey is not an account id: " + v);
    });

    /** A neuron's weights as {@code [uid, u16]} pairs; none when the value is absent. */
    public static final StorageItem<int[][]> WEIGHTS = new StorageItem<>(PALLET, "Weights", v -> {
        if (!(v instanceof List<?> rows)) return new int[0][];
        int[][] out = new int[rows.size()][];
        for (int i = 0; i < rows.size(); i++) {
            if (!(rows.get(i) instanceof List<?> pair) || pair.size() != 2
                    || !(pair.get(0) instanceof Number uid) || !(pair.get(1) instanceof Number weight)) {
                throw new ChainException(PALLET + ".Weights holds a row that is not a (uid, weight) pair: " + rows.get(i));
            }
            out[i] = new int[] {uid.intValue(), weight.intValue()};
        }
        return out;
    });

    private SubtensorStorage() {}
}
