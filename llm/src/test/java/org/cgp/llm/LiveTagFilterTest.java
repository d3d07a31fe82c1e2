package org.cgp.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The live validators' tag rules, checked against what the live Python code printed for the same
 * inputs (the port-ready cases 2-6 of the live-subnet notes), and our miner's tags checked to
 * survive them.
 */
class LiveTagFilterTest {
    static Stream<Arguments> safeTags() {
        return Stream.of(
                Arguments.of(" Tag_Same ", "tag same"),
                Arguments.of("tag !!!!!! same", "tag same"),
                Arguments.of("Tag\u00a0same", "tag\u00a0same"), // the live code keeps a lone no-break space
                Arguments.of("e-commerce", "e commerce"),
                Arguments.of("café culture", "caf culture"),
                Arguments.of("rock 'n' roll", "rock n roll"),
                Arguments.of("C++", "c"));
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @MethodSource("safeTags")
    void safeTagAsLive(String in, String expected) {
        assertThat(LiveTagFilter.safeTag(in)).isEqualTo(expected);
    }

    @Test
    void cleanTagSetAsLive() {
        List<String> in = List.of("ab", "abc", "x".repeat(65), "x".repeat(64), "Sci-Fi", "sci fi");
        assertThat(LiveTagFilter.cleanTagSet(in)).containsExactlyInAnyOrder("abc", "sci fi", "x".repeat(64));
    }

    @Test
    void validateTagSetWithAnLlmThatApprovesEverythingKeepsOnlyTagsAlreadyInSafeForm() {
        List<String> in = List.of("wedding planning", "e-commerce", "café culture", "movies", "rock 'n' roll", "Guitar", "x".repeat(51));
        assertThat(LiveTagFilter.validateTagSet(in, LiveTagFilter::approveAll, new Random(0)))
                .containsExactlyInAnyOrder("movies", "wedding planning");
    }

    @Test
    void validateTagSetParsesTheLlmAnswerAndAnEmptyAnswerIsNull() {
        List<String> in = List.of("tag1", "tag2", "tag3");
        assertThat(LiveTagFilter.validateTagSet(in, shown -> "good english keywords: tag1, tag2\nmalformed: none", new Random(0)))
                .containsExactlyInAnyOrder("tag1", "tag2");
        assertThat(LiveTagFilter.validateTagSet(in, shown -> "", new Random(0))).isNull();
    }

    @Test
    void namedEntitiesAreOnlyCleanedAndSampled() {
        assertThat(LiveTagFilter.validateNamedEntities(List.of("Mayor Adams", "Local Law 55", "NYC"), new Random(0)))
                .containsExactlyInAnyOrder("mayor adams", "local law 55", "nyc");
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 25; i++) many.add("entity " + (char) ('a' + i));
        assertThat(LiveTagFilter.validateNamedEntities(many, new Random(0))).hasSize(20).doesNotHaveDuplicates();
    }

    @Test
    void everyTagOurCleanerKeepsSurvivesTheLiveFilter() {
        List<String> raw = new ArrayList<>();
        TagCleanerTest.cases().forEach(a -> raw.add((String) a.get()[0]));
        raw.addAll(List.of("e-commerce", "café", "rock 'n' roll", "Guitar", "Sci-Fi", "x".repeat(80), "Mayor Adams!", "  New   York  "));
        List<String> ours = TagCleaner.clean(raw);
        assertThat(ours).isNotEmpty();
        for (int from = 0; from < ours.size(); from += 19) { // the live filter samples 20 at random: test in chunks
            List<String> chunk = ours.subList(from, Math.min(ours.size(), from + 19));
            assertThat(LiveTagFilter.validateTagSet(chunk, LiveTagFilter::approveAll, new Random(1))).containsExactlyInAnyOrderElementsOf(chunk);
        }
    }
}
