package org.cgp.validator.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.cgp.protocol.synapse.Line;
import org.cgp.protocol.task.ConversationTask;
import org.cgp.protocol.task.NamedEntitiesTask;
import org.cgp.protocol.task.SurveyTask;
import org.cgp.protocol.task.Task;
import org.cgp.protocol.task.TaskType;
import org.cgp.protocol.task.WebpageTask;
import org.cgp.scoring.ScoringMechanism;
import org.cgp.validator.OfflineModels;
import org.junit.jupiter.api.Test;

/** Each bundle type's setup on the offline provider, and the masking of its tasks. */
class GroundTruthBuilderTest {
    private final GroundTruthBuilder builder = new GroundTruthBuilder(OfflineModels.llm(), OfflineModels.embedder(), new Random(3), 300, 5, 5);

    static BundleHeader header(String guid, TaskType type, List<String> categories) {
        return new BundleHeader(guid, type, "validator", 1.4, null, guid, categories, null, null);
    }

    static List<Line> chat(int n) {
        String[] topics = {"sailing on the lake every summer", "racing small dinghies with my brother", "the regatta in july",
                "fixing the old wooden boat", "sanding and varnishing the hull", "wind forecasts for the weekend"};
        List<Line> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add(new Line(i % 2, "on day " + (i + 1) + " i really enjoyed " + topics[i % topics.length] + " and talking about it"));
        return out;
    }

    @Test
    void aConversationGivesUpToFiveRandomWindowsWithTheirIndex() {
        ConversationBundle b = new ConversationBundle(header("c1", TaskType.CONVERSATION_TAGGING, null), List.of("a", "b"), chat(60), null);
        PreparedBundle p = builder.prepare(b).orElseThrow();
        assertThat(p.tasks()).hasSize(5).allSatisfy(t -> {
            ConversationTask c = (ConversationTask) t;
            assertThat(c.window()).isEqualTo(LiveWindows.windows(b.lines()).get(c.windowIdx()));
            assertThat(c.envelope().bundleGuid()).isEqualTo("c1");
            assertThat(c.envelope().guid()).isNotEqualTo("c1").hasSize(36);
        });
        assertThat(p.mechanism()).isEqualTo(ScoringMechanism.GROUND_TRUTH);
        assertThat(p.truth().vectors()).hasSameSizeAs(p.tags());
    }

    @Test
    void aUserRequestSkipsTheWindowMinimumAndTheQualityGate() {
        BundleHeader asked = new BundleHeader("u1", TaskType.CONVERSATION_TAGGING, "validator", 1.4, null, "u1", null, null, null, true);
        PreparedBundle p = builder.prepare(new ConversationBundle(asked, List.of("a", "b"), chat(10), null)).orElseThrow();
        assertThat(p.tasks()).as("one window, which the minimum would refuse").hasSize(1);
    }

    @Test
    void anEnrichedConversationCombinesItsResultsTagsAndSendsTheResultsWithEveryWindow() {
        List<SearchQuery> results = List.of(new SearchQuery("regatta", List.of(
                new SearchQuery.Result("Lake Geneva regatta results", "The Bol d'Or sailing race on Lake Geneva crowned a catamaran crew."),
                new SearchQuery.Result("Dinghy racing rules", "Racing rules of sailing for small dinghy classes and protests."))));
        ConversationBundle b = new ConversationBundle(header("e1", TaskType.CONVERSATION_TAGGING, null), List.of("a", "b"), chat(60), null, results);
        PreparedBundle p = builder.prepare(b).orElseThrow();
        ConversationBundle plain = new ConversationBundle(header("e2", TaskType.CONVERSATION_TAGGING, null), List.of("a", "b"), chat(60), null);
        PreparedBundle without = builder.prepare(plain).orElseThrow();
        assertThat(p.tasks()).allSatisfy(t -> assertThat(((ConversationTask) t).enrichments()).isNotEmpty()
                .allSatisfy(e -> assertThat(e).contains("\n")));
        assertThat(((ConversationTask) p.tasks().get(0)).enrichmentLines()).isEqualTo(((ConversationTask) p.tasks().get(1)).enrichmentLines());
        assertThat(p.tags()).as("the ground truth gains the results' tags").isNotEqualTo(without.tags());
        assertThat(without.tasks()).allSatisfy(t -> assertThat(((ConversationTask) t).enrichmentLines()).isNull());
    }

    @Test
    void shortOrLowQualityConversationsAreSkippedBeforeTheGroundTruth() {
        ConversationBundle ten = new ConversationBundle(header("c2", TaskType.CONVERSATION_TAGGING, null), List.of(), chat(10), null);
        assertThat(builder.prepare(ten)).as("10 lines make one window, and one is not more than min_convo_windows 1").isEmpty();
        ConversationBundle demanding = new ConversationBundle(header("c3", TaskType.CONVERSATION_TAGGING, null), List.of(), chat(30), 4);
        assertThat(builder.prepare(demanding)).as("4 windows are not more than 4").isEmpty();
        List<Line> terse = new ArrayList<>();
        for (int i = 0; i < 12; i++) terse.add(new Line(i % 2, "ok"));
        assertThat(builder.prepare(new ConversationBundle(header("c4", TaskType.CONVERSATION_TAGGING, null), List.of(), terse, null)))
                .as("the quality gate").isEmpty();
    }

    @Test
    void aWebPageSamplesOneToThreeResultsPerQueryAndSendsFiveIdenticalTasks() {
        List<SearchQuery> queries = List.of(
                new SearchQuery("heat pump cost", List.of(new SearchQuery.Result("Heat pump prices", "Installation costs of air source heat pumps"),
                        new SearchQuery.Result("Rebates", "Grants for heat pumps"), new SearchQuery.Result("Running costs", "Electricity use of heat pumps"),
                        new SearchQuery.Result("More", "Even more heat pump facts"))),
                new SearchQuery("empty", List.of()));
        WebpageBundle b = new WebpageBundle(header("w1", TaskType.WEBPAGE_METADATA_GENERATION, List.of("general")),
                "# Heat pumps\n" + "Air source heat pumps move heat from outdoor air into homes. ".repeat(40), queries);
        PreparedBundle p = builder.prepare(b).orElseThrow();
        assertThat(p.tasks()).hasSize(5);
        WebpageTask t = (WebpageTask) p.tasks().get(0);
        assertThat(t.markdown()).hasSize(GroundTruthBuilder.PART_CHARS);
        assertThat(t.results()).hasSizeBetween(1, 3).allSatisfy(r -> assertThat(r).contains("\n"));
        assertThat(t.window().get(0).speaker()).isZero();
        assertThat(t.window().get(1).speaker()).as("the live window's two 0 indices").isZero();
        assertThat(p.tasks()).allSatisfy(x -> assertThat(((WebpageTask) x).window()).isEqualTo(t.window()));
        assertThat(t.isCoding()).isFalse();
    }

    @Test
    void aSurveysGroundTruthIsItsSelectedChoicesAndEntitiesUseTheEntityFilter() {
        SurveyBundle s = new SurveyBundle(header("s1", TaskType.SURVEY_TAGGING, null), "Why did you cancel?", "Too crowded and the showers broke.",
                List.of("Too crowded", "Price increase", "Facilities not maintained"), List.of("Too crowded", "Facilities not maintained"));
        PreparedBundle p = builder.prepare(s).orElseThrow();
        assertThat(p.tags()).containsExactly("Too crowded", "Facilities not maintained");
        assertThat(p.mechanism()).isEqualTo(ScoringMechanism.SURVEY);
        assertThat(p.tasks()).hasSize(5).allSatisfy(t -> assertThat(((SurveyTask) t).comment()).isEqualTo(s.comment()));

        NamedEntitiesBundle n = new NamedEntitiesBundle(header("n1", TaskType.NAMED_ENTITIES_EXTRACTION, null),
                "[00:00:01] Mayor Adams proposed an amendment to Local Law 55 for the Downtown Grant.", List.of());
        PreparedBundle q = builder.prepare(n).orElseThrow();
        assertThat(q.tags()).contains("mayor adams", "local law 55");
        assertThat(q.namedEntities()).isTrue();
        assertThat(q.mechanism()).isEqualTo(ScoringMechanism.NO_PENALTY);
    }

    @Test
    void maskingHidesGuidsAndTheWindowIndexAsLive() {
        ConversationBundle b = new ConversationBundle(header("c5", TaskType.CONVERSATION_TAGGING, null), List.of("a", "b"), chat(30), null);
        Task t = builder.prepare(b).orElseThrow().tasks().get(0);
        ConversationTask m = (ConversationTask) Masking.mask(t);
        assertThat(m.envelope().guid()).isEqualTo("HIDDEN");
        assertThat(m.envelope().bundleGuid()).isEqualTo("HIDDEN");
        assertThat(m.envelope().input().guid()).isEqualTo("HIDDEN");
        assertThat(m.windowIdx()).isEqualTo(-1);
        assertThat(m.envelope().input().data().path("window_idx").asInt()).isEqualTo(-1);
        assertThat(m.participants()).isEmpty();
        assertThat(m.window()).isEqualTo(((ConversationTask) t).window());
        assertThat(((ConversationTask) t).envelope().guid()).as("the task itself is unchanged").isNotEqualTo("HIDDEN");
        NamedEntitiesTask e = (NamedEntitiesTask) Masking.mask(org.cgp.protocol.task.Tasks.namedEntities("g", "b", 3, chat(2)));
        assertThat(e.windowIdx()).isEqualTo(-1);
    }
}
