package org.cgp.validator.onchain;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;

/**
 * Reads chain storage with polkadot.js ({@code @polkadot/api} in {@code .tools/chopsticks}, which
 * {@code .ci/install-tools.sh} installs): an independent decoder of what our client wrote.
 */
final class PolkadotRead {
    private static final String SCRIPT = """
            const { ApiPromise, WsProvider } = require('@polkadot/api');
            (async () => {
              const api = await ApiPromise.create({ provider: new WsProvider(process.argv[2]), noInitWarn: true });
              const v = await api.query.commitments.commitmentOf(Number(process.argv[3]), process.argv[4]);
              const reg = v.isSome !== undefined ? (v.isSome ? v.unwrap() : null) : v;
              const field = reg ? reg.info.fields[0] : null;
              console.log(field ? field.type + ' ' + field.value.toHex() : 'none');
              await api.disconnect();
              process.exit(0);
            })().catch(e => { console.error(e.message); process.exit(1); });
            """;

    private PolkadotRead() {}

    /** The Raw bytes (hex, no 0x) of the first field of {@code CommitmentOf(netuid, hotkey)}; empty when polkadot.js is not installed. */
    static Optional<String> commitmentOf(String wsUrl, int netuid, String hotkey) throws Exception {
        Optional<Path> modules = modules();
        if (modules.isEmpty()) {
            System.out.println("SKIP the polkadot.js read-back: .tools/chopsticks/node_modules/@polkadot/api is not installed");
            return Optional.empty();
        }
        Path script = Files.createTempFile("cgp-commitment-read", ".cjs");
        try {
            Files.writeString(script, SCRIPT);
            ProcessBuilder pb = new ProcessBuilder("node", script.toString(), wsUrl, String.valueOf(netuid), hotkey).redirectErrorStream(true);
            pb.environment().put("NODE_PATH", modules.get().toString());
            Process p = pb.start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            Assertions.assertTrue(p.waitFor(60, TimeUnit.SECONDS), "polkadot.js read timed out");
            Assertions.assertEquals(0, p.exitValue(), out);
            String last = out.lines().reduce((a, b) -> b).orElse("");
            Assertions.assertTrue(last.startsWith("Raw"), "the first field is Raw<N>: " + out);
            String hex = last.substring(last.indexOf(' ') + 1);
            return Optional.of(hex.startsWith("0x") ? hex.substring(2) : hex);
        } finally {
            Files.deleteIfExists(script);
        }
    }

    private static Optional<Path> modules() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path nm = d.resolve(".tools/chopsticks/node_modules");
            if (Files.isDirectory(nm.resolve("@polkadot/api"))) return Optional.of(nm);
        }
        return Optional.empty();
    }
}
