package org.cgp.validator.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.cgp.protocol.synapse.Line;
import org.junit.jupiter.api.Test;

/** WebVTT captions (YouTube's, a podcast's with voice tags) become a conversation with participants. */
class WebVttImportTest {
    @Test
    void youtubesRollingCaptionsAndTurnMarkersBecomeTwoSpeakers() {
        Conversation c = ConversationFiles.load(SourceFiles.of("youtube.vtt")).get(0);
        assertThat(c.participants()).containsExactly("Speaker 1", "Speaker 2");
        assertThat(c.lines()).containsExactly(
                new Line(0, "so what got you into sailing in the first place?"),
                new Line(1, "my grandfather had a small boat on the lake and every summer we took it out before sunrise."),
                new Line(0, "that sounds like a great way to grow up."));
    }

    @Test
    void voiceTagsNameTheSpeakers() {
        Conversation c = ConversationFiles.load(SourceFiles.of("voices.vtt")).get(0);
        assertThat(c.participants()).containsExactly("Ann Lee", "Bob");
        assertThat(c.lines()).extracting(Line::speaker).containsExactly(0, 1, 0);
        assertThat(c.lines().get(1).text()).isEqualTo("I have been baking sourdough for ten years.");
    }

    @Test
    void theSameFileGetsTheSameGuid() {
        assertThat(ConversationFiles.load(SourceFiles.of("voices.vtt")).get(0).guid())
                .isEqualTo(ConversationFiles.load(SourceFiles.of("voices.vtt")).get(0).guid())
                .isNotEqualTo(ConversationFiles.load(SourceFiles.of("youtube.vtt")).get(0).guid());
    }

    @Test
    void aBrokenTimingIsOneLineNamingTheFileAndTheLine() {
        assertThatThrownBy(() -> ConversationFiles.load(SourceFiles.of("broken.vtt")))
                .isInstanceOf(ConversationFileException.class)
                .hasMessageContaining("broken.vtt").hasMessageContaining("line 6")
                .hasMessageContaining("00:00:04.000 -> 00:00:05.000")
                .satisfies(e -> assertThat(e.getMessage().lines()).hasSize(1));
        assertThatThrownBy(() -> ConversationFiles.parse(java.nio.file.Path.of("x.vtt"), "WEBVTT\n\n"))
                .hasMessageContaining("has no caption text");
    }
}
