package org.cgp.validator.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.cgp.protocol.synapse.Line;
import org.junit.jupiter.api.Test;

/** A diarised transcript (SPEAKER_00 segments, as WhisperX writes it) becomes a conversation between its speakers. */
class DiarisedTranscriptTest {
    @Test
    void segmentsOfOneSpeakerJoinAndSpeakersAreTheParticipants() {
        Conversation c = ConversationFiles.load(SourceFiles.of("whisperx.json")).get(0);
        assertThat(c.participants()).containsExactly("SPEAKER_00", "SPEAKER_01");
        assertThat(c.lines()).containsExactly(
                new Line(0, "Welcome to the garden hour. This week we plant tomatoes."),
                new Line(1, "Do they need full sun?"),
                new Line(0, "At least six hours, and deep watering twice a week."),
                new Line(1, "Got it."));
    }

    @Test
    void aSegmentWithoutTextNamesTheFileAndTheSegment() {
        assertThatThrownBy(() -> ConversationFiles.load(SourceFiles.of("broken-diarised.json")))
                .isInstanceOf(ConversationFileException.class)
                .hasMessageContaining("broken-diarised.json").hasMessageContaining("segment 1 has no text");
    }
}
