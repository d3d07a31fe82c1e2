package org.cgp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No module's main code imports another module's {@code internal} packages: those are free to
 * change, so the daemons build only on the public ones. The benchmarks ({@code bench/}) measure
 * internals on purpose and are the one exception.
 */
class ModuleBoundaryTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final List<String> MODULES = List.of("protocol", "llm", "scoring", "chain", "miner", "localnet", "validator", "cli");
    private static final Pattern INTERNAL_IMPORT = Pattern.compile("(?m)^import (?:static )?org\\.cgp\\.([a-z]+)\\.internal\\.");

    @Test
    void mainCodeImportsNoOtherModulesInternals() throws IOException {
        List<String> crossings = new ArrayList<>();
        for (String module : MODULES) {
            Path main = ROOT.resolve(module).resolve("src/main/java");
            assertThat(main).as("module %s", module).isDirectory();
            try (Stream<Path> files = Files.walk(main)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    Matcher m = INTERNAL_IMPORT.matcher(Files.readString(f));
                    while (m.find()) {
                        if (!m.group(1).equals(module)) crossings.add(ROOT.relativize(f) + " imports org.cgp." + m.group(1) + ".internal");
                    }
                }
            }
        }
        assertThat(crossings).isEmpty();
    }
}
