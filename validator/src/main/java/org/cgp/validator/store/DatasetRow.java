package org.cgp.validator.store;

import java.util.List;
import org.cgp.llm.QualityAssessment;
import org.cgp.protocol.synapse.ParticipantProfile;

/**
 * One conversation of the exported dataset, in the column layout of the subnet's public dataset
 * (ReadyAi's conversations on Hugging Face, which CGP's own importer reads as {@code c_guid},
 * {@code transcript [{speaker, text}]} and {@code participants}): the transcript line by line with
 * its speaker, the ground-truth tags, what each miner tagged each window with, when asked for the
 * ground truth's tag embeddings, and what the seed promises beside them: each participant's profile
 * (interests, hobbies, traits, as the ground-truth pass made them) and the five-way quality
 * assessment (null when the conversation was not assessed).
 */
public record DatasetRow(String guid, List<Utterance> transcript, List<String> participants, List<String> tags,
                         List<WindowTags> windows, List<TagEmbedding> embeddings, List<ParticipantProfile> profiles,
                         QualityAssessment quality) {
    public DatasetRow {
        transcript = List.copyOf(transcript);
        participants = List.copyOf(participants);
        tags = List.copyOf(tags);
        windows = List.copyOf(windows);
        embeddings = List.copyOf(embeddings);
        profiles = List.copyOf(profiles);
    }

    /** One line: the speaker's name (their participant name, else {@code SPEAKER_<idx>}), their index, the text. */
    public record Utterance(String speaker, int speakerIdx, String text) {}

    /** The tags one miner gave one window. */
    public record WindowTags(int windowIdx, Integer uid, String minerHotkey, List<String> tags) {
        public WindowTags {
            tags = List.copyOf(tags);
        }
    }

    /** A ground-truth tag and its embedding. */
    public record TagEmbedding(String tag, float[] vector) {}
}
