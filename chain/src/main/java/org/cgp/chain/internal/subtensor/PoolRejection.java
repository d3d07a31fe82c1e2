package org.cgp.chain.internal.subtensor;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names subtensor's {@code CustomTransactionError} codes, which a node returns when its pool refuses
 * a transaction ({@code 1010 {"invalid":{"custom":10}}}) and which no metadata describes. The table is
 * subtensor's ({@code pallets/subtensor/src/lib.rs}, releases of 2025) with the weight guards of 2026
 * ({@code common/src/transaction_error.rs}: 6 from SettingWeightsTooFast, 18 InputLengthsUnequal, 19
 * HotKeyNotRegisteredInSubNet, 1 from NotEnoughStakeToSetWeights). The names of 14, 16, 17 and 20-27
 * were not available to us: those show as their number.
 */
public final class PoolRejection {
    private static final Pattern CUSTOM = Pattern.compile("\"custom\"\\s*:\\s*(\\d+)");
    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(0, "ColdkeyInSwapSchedule"), Map.entry(1, "StakeAmountTooLow"), Map.entry(2, "BalanceTooLow"),
            Map.entry(3, "SubnetDoesntExist"), Map.entry(4, "HotkeyAccountDoesntExist"), Map.entry(5, "NotEnoughStakeToWithdraw"),
            Map.entry(6, "RateLimitExceeded"), Map.entry(7, "InsufficientLiquidity"), Map.entry(8, "SlippageTooHigh"),
            Map.entry(9, "TransferDisallowed"), Map.entry(10, "HotKeyNotRegisteredInNetwork"), Map.entry(11, "InvalidIpAddress"),
            Map.entry(12, "ServingRateLimitExceeded"), Map.entry(13, "InvalidPort"), Map.entry(15, "InvalidRevealRound"),
            Map.entry(18, "InputLengthsUnequal"), Map.entry(19, "HotKeyNotRegisteredInSubNet"), Map.entry(255, "BadRequest"));

    private PoolRejection() {}

    /** The name of a custom code, or {@code "custom N"} for one this table does not know. */
    public static String name(int code) {
        return NAMES.getOrDefault(code, "custom " + code);
    }

    /** The custom code in an RPC error's data, if it has one. */
    public static OptionalInt code(String data) {
        if (data == null) return OptionalInt.empty();
        Matcher m = CUSTOM.matcher(data);
        if (!m.find()) return OptionalInt.empty();
        try {
            return OptionalInt.of(Integer.parseInt(m.group(1)));
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    /** The named custom code in an RPC error's data, e.g. {@code "HotKeyNotRegisteredInNetwork (custom 10)"}. */
    public static Optional<String> describe(String data) {
        OptionalInt code = code(data);
        if (code.isEmpty()) return Optional.empty();
        int c = code.getAsInt();
        return Optional.of(NAMES.containsKey(c) ? NAMES.get(c) + " (custom " + c + ")" : "custom " + c);
    }
}
