package org.cgp.validator.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConversationFilesTest {
    @TempDir Path dir;

    Path write(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void readsTheFacebookShapeKeepingBigGuidsExact() throws Exception {
        Path f = write("c.json", """
                {"7": {"id": "7", "guid": 102915250832439830165876384341137849342,
                       "participant": {"1": {"guid": 1, "idx": 1, "title": "William Hall"}, "0": {"guid": 2, "idx": 0, "title": "Elizabeth King"}},
                       "lines": [[0, "hello , how are you ?"], [1, "fine"], [0, ""]], "persona": "i like boats."}}""");
        List<Conversation> c = ConversationFiles.load(f);
        assertThat(c).hasSize(1);
        assertThat(c.get(0).guid().value()).isEqualTo("102915250832439830165876384341137849342");
        assertThat(c.get(0).participants()).containsExactly("Elizabeth King", "William Hall");
        assertThat(c.get(0).lines()).hasSize(3);
        assertThat(c.get(0).lines().get(2).text()).isEmpty();
    }

    @Test
    void readsTheApiShapeAndDefaultsParticipants() throws Exception {
        Path f = write("one.json", "{\"guid\": 1421, \"lines\": [[0, \"a\"], [2, \"b\"]]}");
        Conversation c = ConversationFiles.load(f).get(0);
        assertThat(c.guid().value()).isEqualTo("1421");
        assertThat(c.participants()).containsExactly("p1", "p2");
        assertThat(c.lines().get(1).speaker()).isEqualTo(2);
    }

    @Test
    void readsCsvWithMultiLineChatFields() throws Exception {
        Path f = write("c.csv", "id,Persona,chat\n0, i like dogs.,\"hi there\nhello, friend\n\"\"quoted\"\" reply\n\"\n1, i sail.,\"one\ntwo\"\n");
        List<Conversation> c = ConversationFiles.load(f);
        assertThat(c).hasSize(2);
        assertThat(c.get(0).lines()).extracting(l -> l.speaker() + ":" + l.text())
                .containsExactly("0:hi there", "1:hello, friend", "0:\"quoted\" reply");
        assertThat(c.get(1).guid().value()).isEqualTo("1");
    }

    @Test
    void bundledSamplesAreRealisticConversations() {
        List<Conversation> samples = ConversationFiles.samples();
        assertThat(samples).hasSizeGreaterThanOrEqualTo(5);
        assertThat(samples).allSatisfy(c -> assertThat(c.lines().size()).isBetween(20, 120));
        assertThat(samples).anySatisfy(c -> assertThat(c.participants()).hasSizeGreaterThanOrEqualTo(3));
    }

    @Test
    void missingFileIsOneLineNamingIt() {
        Path f = dir.resolve("nope.json");
        assertThatThrownBy(() -> ConversationFiles.load(f)).isInstanceOf(ConversationFileException.class)
                .hasMessage("conversation file " + f + ": not found");
    }

    @Test
    void badFilesAreRefusedWithTheProblem() throws Exception {
        assertThatThrownBy(() -> ConversationFiles.load(write("x.json", "{\"a\": [1, 2")))
                .hasMessageContaining("x.json").hasMessageContaining("is not valid JSON");
        assertThatThrownBy(() -> ConversationFiles.load(write("x.txt", "hello there")))
                .hasMessageContaining("is neither JSON, CSV nor captions");
        assertThatThrownBy(() -> ConversationFiles.load(write("e.json", "{}")))
                .hasMessageContaining("has no conversation lines");
        assertThatThrownBy(() -> ConversationFiles.load(write("n.json", "{\"0\": {\"guid\": 1, \"lines\": []}}")))
                .hasMessageContaining("has no conversation lines");
        assertThatThrownBy(() -> ConversationFiles.load(write("b.csv", "name,text\nx,y\n")))
                .hasMessageContaining("CSV header must have columns id and chat");
        assertThatThrownBy(() -> ConversationFiles.load(write("l.json", "{\"0\": {\"guid\": 1, \"lines\": [[\"x\", \"y\"]]}}")))
                .hasMessageContaining("line 0 is not [speaker_idx, text]");
        assertThatThrownBy(() -> ConversationFiles.load(write("z.json", "  ")))
                .hasMessageContaining("is empty");
    }
}
