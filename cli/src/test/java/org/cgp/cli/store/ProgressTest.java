package org.cgp.cli.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressTest {
    @Test
    void withoutATerminalItPrintsOneLinePerTenthAndNoCarriageReturns() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Progress p = new Progress("Exporting", 250, new PrintStream(bytes, true, StandardCharsets.UTF_8), false);
        for (int i = 0; i < 250; i++) p.step();
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(out).doesNotContain("\r");
        assertThat(out.lines()).hasSize(11).last().isEqualTo("Exporting [##############################] 250/250 (100%)");
        assertThat(out.lines().toList().get(5)).isEqualTo("Exporting [###############...............] 125/250 (50%)");
    }

    @Test
    void onATerminalItRedrawsOneLineAndEndsIt() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Progress p = new Progress("Importing", 3, new PrintStream(bytes, true, StandardCharsets.UTF_8), true);
        p.at(1);
        p.at(3);
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(out).startsWith("\rImporting [##########....................] 1/3 (33%)").endsWith("3/3 (100%)" + System.lineSeparator());
    }

    @Test
    void nothingForAnEmptyStore() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new Progress("Exporting", 0, new PrintStream(bytes), false).at(0);
        assertThat(bytes.size()).isZero();
    }
}
