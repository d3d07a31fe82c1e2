package org.cgp.llm.offline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.cgp.llm.embed.CachingEmbedder;
import org.cgp.llm.embed.MiniLmEmbedder;
import org.cgp.llm.TagCleaner;
import org.cgp.llm.TaggingResult;
import org.cgp.protocol.synapse.Line;
import org.junit.jupiter.api.Test;

/** The offline provider's method for each task type, on inputs shaped like the live ones. */
class OfflineTaskTypesTest {
    /**
     * Its own phrase cache: the quantised model's vectors shift a little with the batch a phrase was
     * embedded in, so sharing the process-wide cache would make other tests' results depend on order.
     */
    private static final OfflineTagger tagger = new OfflineTagger(
            new CachingEmbedder(new MiniLmEmbedder(MiniLmEmbedder.QUANTISED_MODEL), 10_000));

    @Test
    void aCodingWindowGetsAtMostTenTags() {
        List<Line> window = List.of(
                new Line(0, "my django rest framework endpoint returns every order, how do i add cursor pagination?"),
                new Line(1, "use CursorPagination in the serializer view and order by created timestamp"),
                new Line(0, "the postgres query is slow, should i add an index on created?"),
                new Line(1, "yes, a btree index on created plus select_related for the customer foreign key"),
                new Line(0, "and how do i test it with pytest?"),
                new Line(1, "write a pytest fixture that creates fifty orders and assert the next cursor link"),
                new Line(0, "the json response should include the next page url"),
                new Line(1, "the paginator adds next and previous links to the json response for you"),
                new Line(0, "what about caching the first page in redis?"),
                new Line(1, "cache the serialized first page in redis with a short ttl and invalidate on new orders"),
                new Line(0, "thanks, also the unit tests mock the database layer"),
                new Line(1, "prefer integration tests against a real postgres container for query plans"));
        TaggingResult general = tagger.tagWindow(window, false);
        TaggingResult coding = tagger.tagWindow(window, true);
        assertThat(coding.tags()).isNotEmpty().hasSizeLessThanOrEqualTo(10);
        assertThat(general.tags().size()).isGreaterThanOrEqualTo(coding.tags().size());
        assertThat(String.join(" ", coding.tags())).containsAnyOf("postgres", "pytest", "pagination", "redis", "django");
    }

    @Test
    void aWebPageIsTaggedFromItsMarkdownAndResultsWithoutMarkup() {
        String markdown = "# Heat pumps explained\n![diagram](https://example.org/a.png)\nA **heat pump** moves heat from outdoor air "
                + "into your home. [Read more](https://example.org/guide)\n\n## Costs\n| item | price |\n|---|---|\n| install | high |\n"
                + "Air source heat pumps cut heating bills and carbon emissions compared with gas boilers.";
        List<String> results = List.of(
                "How air source heat pumps work\nHeat pumps use a refrigerant cycle to move heat, even in cold weather.",
                "Heat pump grants and rebates\nGovernment grants cover part of the installation cost of a heat pump.");
        TaggingResult r = tagger.tagWebpage(markdown, results, false);
        assertThat(r.tags()).isNotEmpty().hasSizeLessThanOrEqualTo(TagCleaner.MAX_TAGS);
        assertThat(String.join(" | ", r.tags())).contains("heat pump").doesNotContain("https", "png", "example org");
        assertThat(r.tags()).allSatisfy(t -> assertThat(TagCleaner.isSafe(t)).as(t).isTrue());
        assertThat(tagger.tagWebpage("   ", List.of("", " "), false).emptyReason()).contains("no text");
    }

    @Test
    void aSurveyCommentGivesShortKeyPhrasesOfTheCommentOnly() {
        TaggingResult r = tagger.tagSurvey("What made you cancel your gym membership?",
                "The gym was always crowded after work, I had to wait for the squat racks every single time. "
                        + "They also raised the price twice this year and the showers were often broken.");
        assertThat(r.tags()).isNotEmpty().hasSizeLessThanOrEqualTo(OfflineTagger.SURVEY_TAGS);
        assertThat(String.join(" ", r.tags())).containsAnyOf("crowded", "squat racks", "price", "showers");
        assertThat(r.tags()).noneMatch(t -> t.contains("membership") || t.contains("cancel"));
        assertThat(tagger.tagSurvey("why?", "   ").emptyReason()).isEqualTo("the survey comment is empty");
    }

    @Test
    void aSpanishCommentKeepsItsLanguageTransliterated() {
        TaggingResult r = tagger.tagSurvey("¿Por qué cancelaste?", "El gimnasio estaba lleno y la música demasiado fuerte. El precio subió dos veces.");
        assertThat(r.tags()).isNotEmpty().allSatisfy(t -> assertThat(TagCleaner.isSafe(t)).isTrue());
        assertThat(String.join(" ", r.tags())).containsAnyOf("gimnasio", "musica", "precio");
    }

    @Test
    void entitiesComeFromCapitalisedSpansNumbersAndMoney() {
        TaggingResult r = tagger.extractEntities(
                "[00:00:01] MAYOR: Mayor Adams proposed an amendment to Local Law 55 regarding the Downtown Grant. "
                        + "The City Council will vote on the $2.5 million budget for the Brooklyn Bridge Park project in March. "
                        + "Superintendent Dr. Hannah Okafor spoke for the NYC Department of Education. Adams agreed.",
                List.of("Local Law 55 of 2024\nAn amendment to the New York City administrative code proposed by Mayor Adams."));
        assertThat(r.tags()).contains("mayor adams", "local law 55", "downtown grant", "city council", "2 point 5 million dollars",
                "superintendent dr hannah okafor", "nyc department of education", "new york city");
        assertThat(r.tags()).doesNotContain("adams", "the city council", "march", "mayor", "an amendment", "00");
        assertThat(r.tags().get(0)).isEqualTo("mayor adams"); // mentioned most, the transcript counting double
        assertThat(tagger.extractEntities("nothing here but lower case words", List.of()).emptyReason()).contains("no named entities");
    }

    @Test
    void entitySpansStopAtLinesAndSentences() {
        assertThat(EntityExtractor.spans("Local Law 55 of 2024\nAn amendment by the State Board of Education."))
                .containsExactly("Local Law 55 of 2024", "State Board of Education");
        assertThat(EntityExtractor.spans("We met. Then Bank of America and the Red Cross left."))
                .containsExactly("Bank of America", "Red Cross");
        assertThat(EntityExtractor.spokenMoney("$3,800,000")).isEqualTo("3800000 dollars");
        assertThat(EntityExtractor.spokenMoney("€12m")).isEqualTo("12 million euros");
    }
}
