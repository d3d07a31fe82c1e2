package org.cgp.protocol.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs an outside program (a peer tool, python3, node) to its end, with a time limit, and reads its output. */
public final class PeerProcesses {
    private static final Pattern SUMMARY = Pattern.compile("(?m)^(\\d+) passed, (\\d+) failed");

    private PeerProcesses() {}

    /** A finished process: exit code (-1 when it timed out) and its stdout and stderr together. */
    public record Result(int exit, String output) {
        /** The {@code N passed, M failed} line's numbers, or null when there is none. */
        public int[] summary() {
            Matcher m = SUMMARY.matcher(output);
            int[] last = null;
            while (m.find()) last = new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))};
            return last;
        }

        public String lastLines(int n) {
            String[] lines = output.strip().split("\n");
            return String.join(" | ", List.of(lines).subList(Math.max(0, lines.length - n), lines.length));
        }
    }

    public static Result run(List<String> command, Duration timeout) {
        try {
            Path out = Files.createTempFile("cgp-peer", ".log");
            try {
                Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
                p.getOutputStream().close();
                boolean done = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
                if (!done) {
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
                String text = Files.readString(out, StandardCharsets.UTF_8);
                return new Result(done ? p.exitValue() : -1, text);
            } finally {
                Files.deleteIfExists(out);
            }
        } catch (IOException e) {
            return new Result(127, command.get(0) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, "interrupted");
        }
    }

}
