package org.cgp.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SubmissionJournalTest {
    @TempDir Path dir;

    @Test
    void anEntrySurvivesARestartUntilCleared() {
        Path file = dir.resolve("state/weights-submission.json");
        SubmissionJournal.Entry e = new SubmissionJournal.Entry("SubtensorModule.set_weights", "5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty",
                17, 1234, "0xabc");
        new SubmissionJournal(file).record(e);
        SubmissionJournal restarted = new SubmissionJournal(file);
        assertThat(restarted.pending()).hasValue(e);
        assertThat(dir.resolve("state/weights-submission.json.tmp")).doesNotExist();
        restarted.clear();
        assertThat(restarted.pending()).isEmpty();
        assertThat(file).doesNotExist();
    }

    @Test
    void anUnreadableJournalIsMovedAsideAndReadsAsNone() throws Exception {
        Path file = dir.resolve("weights-submission.json");
        Files.writeString(file, "{\"call\": \"SubtensorModule.set_wei");
        assertThat(new SubmissionJournal(file).pending()).isEmpty();
        assertThat(dir.resolve("weights-submission.json.unreadable")).exists();
        assertThat(file).doesNotExist();
    }
}
