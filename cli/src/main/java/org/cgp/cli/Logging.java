package org.cgp.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/** Switches the log level the way the Python neurons' --logging.debug / --logging.trace do. */
final class Logging {
    private Logging() {}

    /**
     * Sends the log to stderr instead of stdout: for commands whose stdout is their answer (the
     * store's search and export lines, {@code --json}), so a log line never breaks a pipe into jq.
     */
    static void toStderr() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.iteratorForAppenders().forEachRemaining(a -> {
            if (a instanceof ch.qos.logback.core.ConsoleAppender<?> console && !"System.err".equals(console.getTarget())) {
                console.stop();
                console.setTarget("System.err");
                console.start();
            }
        });
    }

    static void configure(boolean debug, boolean trace) {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Logger cgp = (Logger) LoggerFactory.getLogger("org.cgp");
        if (trace) cgp.setLevel(Level.TRACE);
        else if (debug) cgp.setLevel(Level.DEBUG);
        root.setLevel(Level.INFO);
    }
}
