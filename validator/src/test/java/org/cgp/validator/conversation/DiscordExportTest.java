package org.cgp.validator.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.cgp.protocol.synapse.Line;
import org.junit.jupiter.api.Test;

/** A Discord channel export (DiscordChatExporter's JSON) becomes one conversation between its authors. */
class DiscordExportTest {
    @Test
    void writtenMessagesOnlyWithAuthorsAsParticipants() {
        Conversation c = ConversationFiles.load(SourceFiles.of("discord.json")).get(0);
        assertThat(c.guid().value()).isEqualTo("discord-90210");
        assertThat(c.participants()).as("nickname first, else name").containsExactly("Mira", "tomek");
        assertThat(c.lines()).as("the join and the attachment alone are left out").containsExactly(
                new Line(0, "anyone at the gym tonight?"),
                new Line(1, "yes, working on the new overhang problem"),
                new Line(0, "that heel hook at the start is brutal"));
    }

    @Test
    void aMessageWithoutAnAuthorNamesTheFileAndTheMessage() {
        assertThatThrownBy(() -> ConversationFiles.load(SourceFiles.of("broken-discord.json")))
                .isInstanceOf(ConversationFileException.class)
                .hasMessageContaining("broken-discord.json").hasMessageContaining("message 1 (3) has no author");
    }
}
