package org.cgp.protocol.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir Path dir;

    @Test
    void writesReplacesWholeAndLeavesNoTemporaryFile() throws Exception {
        Path target = dir.resolve("sub/state.json");
        AtomicFiles.write(target, "first".getBytes(StandardCharsets.UTF_8));
        assertThat(target).hasContent("first");
        byte[] big = "x".repeat(1 << 20).getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(target, big);
        assertThat(Files.readAllBytes(target)).isEqualTo(big);
        try (var files = Files.list(target.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("state.json");
        }
    }
}
