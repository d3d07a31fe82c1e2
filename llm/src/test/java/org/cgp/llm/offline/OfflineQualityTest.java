package org.cgp.llm.offline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.cgp.llm.LlmProviders;
import org.cgp.llm.QualityAssessment;
import org.cgp.protocol.synapse.Line;
import org.junit.jupiter.api.Test;

/**
 * The offline assessment moves each score the way its name says: each spoiled conversation below
 * is worse than the lively one on the dimension it spoils (with the real MiniLM embeddings).
 */
class OfflineQualityTest {
    private static final OfflineQuality QUALITY = new OfflineQuality(LlmProviders.miniLm());

    private static final List<Line> LIVELY = List.of(
            new Line(0, "Have you ever tried baking sourdough bread at home?"),
            new Line(1, "Yes, I started last winter. My starter took almost two weeks to get going."),
            new Line(0, "Two weeks! Did you feed it flour and water every day?"),
            new Line(1, "Every morning, with rye flour. The rye made it much more active."),
            new Line(0, "Interesting. How long do you let the dough rise before baking?"),
            new Line(1, "Overnight in the fridge, then about three hours on the counter before it goes into a hot oven."),
            new Line(0, "I should try the cold rise, my loaves always come out flat."),
            new Line(1, "A Dutch oven helps too: the steam gives the crust a proper lift."));

    @Test
    void aLivelyOnTopicExchangeScoresWellEverywhere() {
        QualityAssessment q = QUALITY.assess(LIVELY);
        assertThat(q.method()).isEqualTo("offline");
        assertThat(q.engagement()).isGreaterThan(7);
        assertThat(q.fluency()).isGreaterThan(7);
        assertThat(q.boringIndex()).isLessThan(5);
        assertThat(QUALITY.assess(LIVELY)).as("deterministic").isEqualTo(q);
    }

    @Test
    void aMonologueIsLessEngaging() {
        List<Line> alone = LIVELY.stream().map(l -> new Line(0, l.text().replace("?", "."))).toList();
        assertThat(QUALITY.assess(alone).engagement()).isLessThan(QUALITY.assess(LIVELY).engagement() - 4);
    }

    @Test
    void repeatingItselfIsLessNovelAndMoreBoring() {
        List<Line> echo = new ArrayList<>();
        for (int i = 0; i < 8; i++) echo.add(new Line(i % 2, i % 2 == 0 ? "I like bread." : "Yes, I like bread too."));
        QualityAssessment q = QUALITY.assess(echo);
        assertThat(q.novelty()).isLessThan(QUALITY.assess(LIVELY).novelty() - 3);
        assertThat(q.boringIndex()).isGreaterThan(QUALITY.assess(LIVELY).boringIndex());
    }

    @Test
    void linesThatJumpAroundAreLessCoherentAndLessRelevant() {
        List<Line> jumping = List.of(
                new Line(0, "Have you ever tried baking sourdough bread at home?"),
                new Line(1, "The stock market closed lower on Tuesday after the rate decision."),
                new Line(0, "My cat sleeps on the radiator all afternoon."),
                new Line(1, "The referee gave a penalty in the last minute of the match."),
                new Line(0, "Jupiter has dozens of moons, some larger than Mercury."),
                new Line(1, "You need a visa to work in that country for more than ninety days."),
                new Line(0, "Tomatoes ripen faster next to bananas."),
                new Line(1, "The printer on the third floor is out of toner again."));
        QualityAssessment q = QUALITY.assess(jumping);
        QualityAssessment good = QUALITY.assess(LIVELY);
        assertThat(q.coherence()).isLessThan(good.coherence() - 3);
        assertThat(q.relevance()).isLessThan(good.relevance());
    }

    @Test
    void garbledTextIsLessFluent() {
        List<Line> garbled = List.of(new Line(0, "xq zzkt pfft 3k4j ### brrr"), new Line(1, "mmm hrrm tkk xq xq xq"),
                new Line(0, "xq zzkt pfft 3k4j ### brrr"), new Line(1, "ok"));
        assertThat(QUALITY.assess(garbled).fluency()).isLessThan(QUALITY.assess(LIVELY).fluency() - 4);
    }

    @Test
    void noTextIsNoAssessment() {
        assertThat(QUALITY.assess(List.of(new Line(0, " "), new Line(1, "")))).isNull();
    }
}
