package org.cgp.validator.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two validators on one state directory: the second stops with one line naming the holder. */
class StateLockTest {
    @TempDir Path dir;

    @Test
    void aSecondHolderInThisProcessIsRefused() {
        try (StateLock first = StateLock.acquire(dir)) {
            assertThatThrownBy(() -> StateLock.acquire(dir)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("is in use by another validator (pid " + ProcessHandle.current().pid() + ")");
        }
        StateLock.acquire(dir).close(); // released: the next one gets it
    }

    @Test
    void anotherProcessHoldingTheLockIsNamedAndItsDeathReleasesIt() throws Exception {
        // a real second JVM holds the lock
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process holder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), StateLockHolder.class.getName(), dir.toString())
                .redirectErrorStream(true).start();
        try {
            String line = new java.io.BufferedReader(new java.io.InputStreamReader(holder.getInputStream())).readLine();
            assertThat(line).isEqualTo("locked");
            assertThatThrownBy(() -> StateLock.acquire(dir)).hasMessageContaining("in use by another validator (pid " + holder.pid() + ")");
        } finally {
            holder.destroyForcibly().waitFor();
        }
        StateLock.acquire(dir).close();
    }
}
