package org.cgp.cli;

import java.util.HexFormat;
import java.util.concurrent.Callable;
import org.cgp.protocol.commitment.CommitmentException;
import org.cgp.protocol.commitment.CommitmentKeys;
import org.cgp.protocol.commitment.EndpointCommitment;
import org.cgp.protocol.keys.Ss58;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code cgp commitment}: the sealed endpoint commitments of CGP 2.37 by hand. {@code seal} prints
 * the Raw bytes a miner publishes; {@code open} prints the {@code ip:port} a validator reads, or
 * one line naming why it refuses them (exit 1).
 */
@Command(name = "commitment", mixinStandardHelpOptions = true, description = "Seal or open an endpoint commitment (CGP 2.37).",
        subcommands = {CommitmentCommand.Seal.class, CommitmentCommand.Open.class, CommitmentCommand.Keypair.class})
public final class CommitmentCommand implements Runnable {
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override public void run() { spec.commandLine().usage(System.out); }

    @Command(name = "seal", mixinStandardHelpOptions = true, description = "Print the Raw bytes (hex) of hotkey|ip:port sealed to a public key.")
    static final class Seal implements Callable<Integer> {
        @Spec picocli.CommandLine.Model.CommandSpec spec;
        @Option(names = "--pubkey", required = true, description = "The subnet's X25519 public key (hex), or a netuid with a built-in key (33, 138)")
        String pubkey;
        @Option(names = "--hotkey", required = true, description = "The miner's hotkey (SS58)")
        String hotkey;
        @Option(names = "--ip", required = true, description = "The miner's external IPv4 address")
        String ip;
        @Option(names = "--port", required = true, description = "The miner's external port")
        int port;

        @Override public Integer call() {
            byte[] key = pubkey.matches("[0-9]{1,5}")
                    ? CommitmentKeys.builtIn(Integer.parseInt(pubkey)).orElseThrow(() -> new IllegalArgumentException("--pubkey: netuid " + pubkey + " has no built-in key"))
                    : CommitmentKeys.parseKey(pubkey, "--pubkey");
            if (!Ss58.isValid(hotkey)) throw new IllegalArgumentException("--hotkey is not an SS58 address: " + hotkey);
            spec.commandLine().getOut().println(HexFormat.of().formatHex(EndpointCommitment.seal(key, hotkey, ip, port)));
            return 0;
        }
    }

    @Command(name = "open", mixinStandardHelpOptions = true, description = "Print the ip:port inside a commitment, or why it does not open (exit 1).")
    static final class Open implements Callable<Integer> {
        @Spec picocli.CommandLine.Model.CommandSpec spec;
        @Option(names = "--privkey", required = true, description = "The validators' X25519 private key (hex); prefer COMMITMENT_PRIVATE_KEY=... in .env for real keys")
        String privkey;
        @Option(names = "--hotkey", description = "The hotkey the commitment is stored under: a commitment sealed for another is refused")
        String hotkey;
        @Parameters(index = "0", paramLabel = "HEX", description = "The commitment's Raw bytes")
        String hex;

        @Override public Integer call() {
            byte[] key = CommitmentKeys.parseKey(privkey, "--privkey");
            if (hotkey != null && !Ss58.isValid(hotkey)) throw new IllegalArgumentException("--hotkey is not an SS58 address: " + hotkey);
            String h = hex.strip();
            if (h.startsWith("0x")) h = h.substring(2);
            byte[] raw;
            try {
                raw = HexFormat.of().parseHex(h);
            } catch (IllegalArgumentException e) {
                spec.commandLine().getErr().println("cgp: malformed: the commitment is not hex");
                return 1;
            }
            try {
                spec.commandLine().getOut().println(EndpointCommitment.open(key, raw, hotkey).address());
                return 0;
            } catch (CommitmentException e) {
                spec.commandLine().getErr().println("cgp: " + e.getMessage());
                return 1;
            }
        }
    }

    @Command(name = "keypair", mixinStandardHelpOptions = true, description = "Print a fresh X25519 key pair (for a local or test subnet).")
    static final class Keypair implements Callable<Integer> {
        @Spec picocli.CommandLine.Model.CommandSpec spec;
        @Override public Integer call() {
            byte[] sk = CommitmentKeys.newPrivateKey();
            spec.commandLine().getOut().println("public " + HexFormat.of().formatHex(CommitmentKeys.publicKeyOf(sk)));
            spec.commandLine().getOut().println("private " + HexFormat.of().formatHex(sk));
            return 0;
        }
    }
}
