package org.cgp.cli;

import java.io.PrintWriter;
import org.cgp.protocol.keys.WalletException;
import org.cgp.validator.conversation.ConversationFileException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code ./cgp} launcher: one entry point for the daemons and the tools around them. */
@Command(name = "cgp", mixinStandardHelpOptions = true, version = "cgp-java 0.1.0",
        description = "Conversation Genome Project subnet (netuid 33): miner, validator and tools.",
        subcommands = {MinerCommand.class, ValidatorCommand.class, LocalCommand.class, KeysCommand.class, WalletCommand.class,
                WeightsCommand.class, StoreCommand.class, CommitmentCommand.class})
public final class Cgp implements Runnable {
    @Override public void run() {
        new CommandLine(this).usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /**
     * The command line with the project's error handling: a bad flag or a bad configuration value
     * prints one line naming it and exits 2; anything else unexpected exits 1 with its message.
     */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Cgp());
        cl.setParameterExceptionHandler((ex, args) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println("cgp: " + ex.getMessage() + " (see --help)");
            return 2;
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            if (ex instanceof IllegalArgumentException || ex instanceof WalletException || ex instanceof ConversationFileException
                    || ex instanceof org.cgp.chain.tle.TimelockException || ex instanceof org.cgp.validator.store.StoreException) {
                err.println("cgp: " + ex.getMessage());
                return 2;
            }
            err.println("cgp: " + (ex.getMessage() == null ? ex.toString() : ex.getMessage()));
            return 1;
        });
        return cl;
    }
}
