package org.cgp.validator.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.cgp.protocol.synapse.Line;
import org.junit.jupiter.api.Test;

/** SRT subtitles with speaker names in front of the text become a conversation with those participants. */
class SrtImportTest {
    @Test
    void namedSpeakersAndCuesThatRunOnAreJoined() {
        Conversation c = ConversationFiles.load(SourceFiles.of("interview.srt")).get(0);
        assertThat(c.participants()).containsExactly("HOST", "GUEST");
        assertThat(c.lines()).containsExactly(
                new Line(0, "Thanks for joining us on the podcast."),
                new Line(1, "Happy to be here. I spent the last year walking the Camino de Santiago."),
                new Line(0, "How far did you walk each day?"));
    }

    @Test
    void aBrokenTimingIsOneLineNamingTheFileAndTheLine() {
        assertThatThrownBy(() -> ConversationFiles.load(SourceFiles.of("broken.srt")))
                .isInstanceOf(ConversationFileException.class)
                .hasMessageContaining("broken.srt").hasMessageContaining("line 6").hasMessageContaining("00:00:03,000 to 00:00:05,000");
    }
}
