package org.cgp.validator.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.cgp.protocol.task.TaskType;
import org.cgp.protocol.testing.Peers237;
import org.cgp.validator.conversation.ConversationFileException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreImportTest {
    @TempDir Path dir;

    @Test
    void readsTheLiveApisBundlesOfEveryTypeAsTheyAre() throws Exception {
        assumeTrue(Peers237.kit().isPresent(), "SKIP: ../shared/peers/cgp-2.37 not found beside the repository");
        for (TaskType t : TaskType.values()) {
            for (Path f : Peers237.inputs(t.wire())) {
                List<StoredBundle> read = StoreImport.read(f);
                assertThat(read).as(f.toString()).hasSize(1);
                StoredBundle b = read.get(0);
                assertThat(b.type()).isEqualTo(t.wire());
                assertThat(b.json()).isEqualTo(org.cgp.protocol.synapse.WireJson.mapper().readTree(f.toFile()));
                if (t == TaskType.CONVERSATION_TAGGING) assertThat(b.lines()).as("the short user request has 5").hasSizeGreaterThanOrEqualTo(5);
                else assertThat(b.lines()).isEmpty();
            }
        }
    }

    @Test
    void aBundleThatCannotBeUsedNamesItsPlaceInTheFile() throws Exception {
        Path f = Files.writeString(dir.resolve("b.json"), """
                [{"guid": "1", "type": "conversation_tagging", "input": {"data": {"lines": [[0, "a"]]}}},
                 {"guid": "2", "type": "no_such_type", "input": {"data": {"lines": []}}}]""");
        assertThatThrownBy(() -> StoreImport.read(f)).isInstanceOf(ConversationFileException.class)
                .hasMessageContaining("b.json").hasMessageContaining("bundle 1 cannot be used").hasMessageContaining("no_such_type");
    }

    @Test
    void aJsonLinesFileWithABrokenLineNamesTheLine() throws Exception {
        Path f = Files.writeString(dir.resolve("d.jsonl"), "{\"c_guid\": \"a\", \"transcript\": [{\"speaker\": \"x\", \"text\": \"hi\"}]}\n{\"c_guid\": \n");
        assertThatThrownBy(() -> StoreImport.read(f)).isInstanceOf(ConversationFileException.class).hasMessageContaining("line 2");
    }
}
