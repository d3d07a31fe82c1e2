package org.cgp.llm.offline;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.cgp.llm.Embedder;
import org.cgp.llm.LlmClient;
import org.cgp.llm.skill.SectionMaps;
import org.cgp.llm.skill.SkillBundle;
import org.cgp.llm.skill.SkillJudge;
import org.cgp.llm.skill.SkillRules;
import org.cgp.llm.skill.SkillWriter;
import org.cgp.protocol.task.SkillSection;
import org.cgp.llm.TagCleaner;
import org.cgp.llm.TaggingResult;
import org.cgp.llm.embed.Vectors;
import org.cgp.protocol.synapse.Line;
import org.cgp.protocol.synapse.ParticipantProfile;

/**
 * The {@code offline} provider: a KeyBERT-style tagger with no key and no network. Candidate 1-3
 * word phrases (no stop word at either edge) are ranked by the cosine similarity of their
 * embedding to the embedding of the whole text, then picked with maximal marginal relevance so
 * the tags are not near-duplicates. Participant profiles come from each speaker's own lines.
 * All texts of one call are embedded in one batch. Thread-safe when the embedder is.
 */
public final class OfflineTagger implements LlmClient {
    public static final String PROVIDER = "offline";

    /** Texts that describe hobbies: a phrase close to their mean is a hobby, not just an interest. */
    private static final List<String> HOBBY_PROTOTYPES = List.of(
            "hobby", "leisure activity", "sport", "playing music", "reading books", "cooking", "hiking",
            "swimming", "painting", "gaming", "fishing", "gardening", "dancing", "travelling", "photography");

    /** Fewer words than this make the offline quality gate fail a conversation. */
    static final int QUALITY_MIN_WORDS = 40;
    /** Tags of the coding variant at most (the live coding prompt asks for 10). */
    static final int CODING_TAGS = 10;
    static final int WEBPAGE_TAGS = 15;
    /** One enrichment line's tags before the merge (the live enrichment prompt asks for at most 10). */
    static final int RESULT_TAGS = 10;
    static final int SURVEY_TAGS = 6;
    static final int ENTITY_TAGS = 15;
    private static final java.util.regex.Pattern SENTENCE = java.util.regex.Pattern.compile("(?<=[.!?;])\\s+|\\n+");

    /** Lines embedded one by one at most when lines weigh in the ranking (conversations only). */
    static final int MAX_LINES_EMBEDDED = 400;

    private final Embedder embedder;
    private final OfflineTaggerSettings settings;
    private final OfflineQuality quality;

    public OfflineTagger(Embedder embedder) {
        this(embedder, OfflineTaggerSettings.defaults());
    }

    public OfflineTagger(Embedder embedder, OfflineTaggerSettings settings) {
        this.embedder = embedder;
        this.settings = settings;
        this.quality = new OfflineQuality(embedder);
    }

    @Override public String provider() {
        return PROVIDER;
    }

    @Override public String model() {
        return "keybert-" + embedder.model();
    }

    public OfflineTaggerSettings settings() {
        return settings;
    }

    /** Loads the ranking model and runs one small window through the tagger, so the first task finds both warm. */
    @Override public void warmUp() {
        tagWindow(List.of(new Line(0, "We went hiking in the mountains and cooked dinner by the lake."),
                new Line(1, "I love photography, the sunset over the water was beautiful.")), false);
    }

    @Override public TaggingResult tagConversation(List<Line> lines, List<String> participants) {
        List<String> texts = texts(lines);
        if (texts.isEmpty()) return TaggingResult.empty("conversation has no text");
        List<String> names = participants == null ? List.of() : participants;
        Set<String> avoid = nameWords(names);
        List<CandidateExtractor.Candidate> candidates = CandidateExtractor.extract(texts, avoid, settings.maxCandidates());
        if (candidates.isEmpty()) return TaggingResult.empty("conversation has no content words to tag");

        Map<Integer, List<String>> bySpeaker = new LinkedHashMap<>();
        for (Line line : lines) {
            if (line != null && !line.text().isBlank()) bySpeaker.computeIfAbsent(line.speaker(), k -> new ArrayList<>()).add(line.text());
        }
        Map<Integer, List<CandidateExtractor.Candidate>> speakerCandidates = new LinkedHashMap<>();
        bySpeaker.forEach((speaker, own) ->
                speakerCandidates.put(speaker, CandidateExtractor.extract(own, avoid, settings.maxWindowCandidates())));

        // one batch: the document, each speaker's text, the hobby prototypes, every candidate phrase
        List<String> batch = new ArrayList<>();
        batch.add(String.join("\n", texts));
        List<Integer> speakers = new ArrayList<>(bySpeaker.keySet());
        for (int speaker : speakers) batch.add(String.join("\n", bySpeaker.get(speaker)));
        batch.addAll(HOBBY_PROTOTYPES);
        int lineStart = batch.size();
        List<Line> embeddedLines = new ArrayList<>();
        if (settings.lineWeight() > 0) {
            for (Line line : lines) {
                if (embeddedLines.size() == MAX_LINES_EMBEDDED) break;
                if (line != null && !line.text().isBlank()) {
                    embeddedLines.add(line);
                    batch.add(line.text());
                }
            }
        }
        Map<String, Integer> phraseIndex = new HashMap<>();
        for (CandidateExtractor.Candidate c : candidates) phraseIndex.putIfAbsent(c.phrase(), -1);
        speakerCandidates.values().forEach(list -> list.forEach(c -> phraseIndex.putIfAbsent(c.phrase(), -1)));
        int phraseStart = batch.size();
        for (String phrase : phraseIndex.keySet()) {
            phraseIndex.put(phrase, batch.size());
            batch.add(phrase);
        }
        List<float[]> vectors = embedder.embedAll(batch);
        Map<String, float[]> phraseVectors = new HashMap<>();
        phraseIndex.forEach((phrase, i) -> phraseVectors.put(phrase, vectors.get(i)));
        float[] hobbyPrototype = Vectors.meanNormalised(
                vectors.subList(1 + speakers.size(), lineStart), embedder.dimensions());
        List<float[]> lineVectors = vectors.subList(lineStart, phraseStart);
        Map<Integer, List<float[]>> speakerLineVectors = new HashMap<>();
        for (int i = 0; i < embeddedLines.size(); i++) {
            speakerLineVectors.computeIfAbsent(embeddedLines.get(i).speaker(), k -> new ArrayList<>()).add(lineVectors.get(i));
        }

        List<String> tags = rank(vectors.get(0), lineVectors, candidates, phraseVectors, settings.conversationTags());
        List<ParticipantProfile> profiles = new ArrayList<>();
        for (int s = 0; s < speakers.size(); s++) {
            int speaker = speakers.get(s);
            profiles.add(profile(name(names, speaker), vectors.get(1 + s), speakerLineVectors.getOrDefault(speaker, List.of()),
                    speakerCandidates.get(speaker),
                    phraseVectors, hobbyPrototype, bySpeaker.get(speaker)));
        }
        for (int i = 0; i < names.size(); i++) {
            if (!bySpeaker.containsKey(i)) profiles.add(new ParticipantProfile(names.get(i), List.of(), List.of(), List.of()));
        }
        if (tags.isEmpty()) return new TaggingResult(List.of(), profiles, "no candidate phrase was close enough to the text");
        return TaggingResult.of(tags, profiles);
    }

    @Override public TaggingResult tagWindow(List<Line> lines, boolean coding) {
        List<String> texts = texts(lines);
        if (texts.isEmpty()) return TaggingResult.empty("window has no text");
        List<CandidateExtractor.Candidate> candidates = CandidateExtractor.extract(texts, Set.of(), settings.maxWindowCandidates());
        if (candidates.isEmpty()) return TaggingResult.empty("window has no content words to tag");
        List<String> batch = new ArrayList<>(candidates.size() + 1);
        batch.add(String.join("\n", texts));
        for (CandidateExtractor.Candidate c : candidates) batch.add(c.phrase());
        List<float[]> vectors = embedder.embedAll(batch);
        Map<String, float[]> phraseVectors = new HashMap<>();
        for (int i = 0; i < candidates.size(); i++) phraseVectors.put(candidates.get(i).phrase(), vectors.get(i + 1));
        int k = coding ? Math.min(CODING_TAGS, settings.windowTags()) : settings.windowTags();
        List<String> tags = rank(vectors.get(0), List.of(), candidates, phraseVectors, k);
        return tags.isEmpty() ? TaggingResult.empty("no candidate phrase was close enough to the window")
                : TaggingResult.of(tags, List.of());
    }

    /**
     * A deterministic stand-in for the quality gate: 4 (fails the default threshold of 5) for a
     * transcript under 40 words or one whose lines are mostly repeats of each other, else 8.
     */
    @Override public Integer conversationQuality(List<Line> lines) {
        List<String> texts = texts(lines);
        if (texts.isEmpty()) return null;
        int words = 0;
        for (String t : texts) words += t.strip().split("\\s+").length;
        long distinct = texts.stream().map(t -> t.strip().toLowerCase(Locale.ROOT)).distinct().count();
        return words < QUALITY_MIN_WORDS || distinct * 2 < texts.size() ? 4 : 8;
    }

    /** The five-way assessment by {@link OfflineQuality}: deterministic, from the transcript and its embeddings. */
    @Override public org.cgp.llm.QualityAssessment assessQuality(List<Line> lines) {
        return quality.assess(lines);
    }

    /**
     * A deterministic stand-in for the LLM's tag check: a tag is good when each of its words is a
     * number, or letters only with a vowel and at most 20 of them; the rest is malformed.
     */
    @Override public String classifyTags(List<String> tags) {
        if (tags == null || tags.isEmpty()) return "";
        List<String> good = new ArrayList<>();
        List<String> malformed = new ArrayList<>();
        for (String t : tags) (looksLikeWords(t) ? good : malformed).add(t);
        return "Good English keywords: " + String.join(", ", good) + "\nMalformed keywords: " + String.join(", ", malformed);
    }

    private static boolean looksLikeWords(String tag) {
        if (tag == null || tag.isBlank()) return false;
        for (String w : tag.strip().split("\\s+")) {
            if (w.chars().allMatch(Character::isDigit)) continue;
            if (w.length() > 20 || !w.chars().allMatch(Character::isLetter) || w.toLowerCase(Locale.ROOT).chars().noneMatch(c -> "aeiouy".indexOf(c) >= 0)) return false;
        }
        return true;
    }

    /** The page (markdown made plain) and each result are the parts; phrases are ranked against the whole and each part. */
    @Override public TaggingResult tagWebpage(String markdown, List<String> results, boolean coding) {
        List<String> parts = new ArrayList<>();
        String page = Markdown.plainText(markdown);
        if (!page.isBlank()) parts.add(page);
        if (results != null) for (String r : results) if (r != null && !r.isBlank()) parts.add(Markdown.plainText(r));
        if (parts.isEmpty()) return TaggingResult.empty("the page and its results have no text");
        return tagParts(parts, coding ? CODING_TAGS : WEBPAGE_TAGS, "page");
    }

    /** Key phrases of the comment alone (the question only says what the reasons are about). */
    @Override public TaggingResult tagSurvey(String question, String comment) {
        if (comment == null || comment.isBlank()) return TaggingResult.empty("the survey comment is empty");
        List<String> sentences = new ArrayList<>();
        for (String s : SENTENCE.split(comment)) if (!s.isBlank()) sentences.add(s);
        return tagParts(sentences, SURVEY_TAGS, "comment");
    }

    /** Capitalised spans, numbers after them and amounts of money, by frequency (see {@link EntityExtractor}). */
    @Override public TaggingResult extractEntities(String transcript, List<String> enrichments) {
        List<String> texts = new ArrayList<>();
        texts.add(transcript == null ? "" : transcript);
        if (enrichments != null) texts.addAll(enrichments);
        List<String> raw = new ArrayList<>();
        for (EntityExtractor.Entity e : EntityExtractor.extract(texts, ENTITY_TAGS * 2)) raw.add(e.text());
        List<String> tags = TagCleaner.clean(raw, ENTITY_TAGS);
        return tags.isEmpty() ? TaggingResult.empty("no named entities in the transcript or its snippets") : TaggingResult.of(tags, List.of());
    }

    /** Candidates of all parts, ranked by similarity to the whole text blended with the best single part. */
    private TaggingResult tagParts(List<String> parts, int k, String what) {
        List<String> lines = new ArrayList<>();
        for (String p : parts) for (String l : p.split("\n")) if (!l.isBlank()) lines.add(l);
        List<CandidateExtractor.Candidate> candidates = CandidateExtractor.extract(lines, Set.of(), settings.maxCandidates());
        if (candidates.isEmpty()) return TaggingResult.empty("the " + what + " has no content words to tag");
        List<String> batch = new ArrayList<>(candidates.size() + parts.size() + 1);
        batch.add(String.join("\n", parts));
        batch.addAll(parts);
        for (CandidateExtractor.Candidate c : candidates) batch.add(c.phrase());
        List<float[]> vectors = embedder.embedAll(batch);
        Map<String, float[]> phraseVectors = new HashMap<>();
        int first = 1 + parts.size();
        for (int i = 0; i < candidates.size(); i++) phraseVectors.put(candidates.get(i).phrase(), vectors.get(first + i));
        List<float[]> partVectors = parts.size() > 1 ? vectors.subList(1, first) : List.of();
        List<String> tags = rank(vectors.get(0), partVectors, candidates, phraseVectors, k);
        return tags.isEmpty() ? TaggingResult.empty("no candidate phrase was close enough to the " + what)
                : TaggingResult.of(tags, List.of());
    }

    /** The best {@code k} candidates by similarity to {@code doc} (plus a small frequency boost), diversified by MMR. */
    private List<String> rank(float[] doc, List<float[]> lines, List<CandidateExtractor.Candidate> candidates,
                              Map<String, float[]> phraseVectors, int k) {
        int n = candidates.size();
        double[] relevance = new double[n];
        List<float[]> vs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            CandidateExtractor.Candidate c = candidates.get(i);
            float[] v = phraseVectors.get(c.phrase());
            vs.add(v);
            double sim = Vectors.dot(v, doc);
            if (!lines.isEmpty()) {
                double bestLine = -1;
                for (float[] line : lines) bestLine = Math.max(bestLine, Vectors.dot(v, line));
                sim = (1 - settings.lineWeight()) * sim + settings.lineWeight() * bestLine;
            }
            relevance[i] = sim + settings.frequencyBoost() * Math.log(c.count());
        }
        List<Integer> picked = Mmr.select(relevance, vs, k, settings.lambda(), settings.minRelevance());
        List<String> raw = new ArrayList<>(picked.size());
        for (int i : picked) raw.add(candidates.get(i).phrase());
        return TagCleaner.clean(raw);
    }

    private ParticipantProfile profile(String name, float[] ownText, List<float[]> ownLines,
                                       List<CandidateExtractor.Candidate> candidates,
                                       Map<String, float[]> phraseVectors, float[] hobbyPrototype, List<String> ownTexts) {
        List<String> picked = rank(ownText, ownLines, candidates, phraseVectors, settings.profileItems());
        List<String> hobbies = new ArrayList<>();
        List<String> interests = new ArrayList<>();
        for (String phrase : picked) {
            float[] v = phraseVectors.get(phrase);
            if (v != null && Vectors.dot(v, hobbyPrototype) >= settings.hobbyThreshold()) hobbies.add(phrase);
            else interests.add(phrase);
        }
        return new ParticipantProfile(name, interests, hobbies, TraitLexicon.traits(ownTexts));
    }

    private static List<String> texts(List<Line> lines) {
        if (lines == null) return List.of();
        List<String> out = new ArrayList<>(lines.size());
        for (Line line : lines) {
            if (line != null && !line.text().isBlank()) out.add(line.text());
        }
        return out;
    }

    private static String name(List<String> names, int speaker) {
        return speaker < names.size() && names.get(speaker) != null ? names.get(speaker) : "speaker " + speaker;
    }

    /** Words of the participants' names, which should not become tags ("hi william"). */
    private static Set<String> nameWords(List<String> names) {
        Set<String> out = new HashSet<>();
        for (String n : names) {
            if (n == null) continue;
            for (String w : n.toLowerCase(Locale.ROOT).split("[^\\p{L}]+")) if (w.length() >= 2) out.add(w);
        }
        return out;
    }

    /** The window's tags, then each enrichment line's, merged in turn (the window's first), at most 20. */
    @Override public TaggingResult tagEnrichedWindow(List<Line> window, List<String> enrichments, boolean coding) {
        TaggingResult own = tagWindow(window, coding);
        List<List<String>> lists = new ArrayList<>();
        if (!own.tags().isEmpty()) lists.add(own.tags());
        if (enrichments != null) {
            for (String e : enrichments) {
                TaggingResult r = tagEnrichment(e, coding);
                if (!r.tags().isEmpty()) lists.add(r.tags());
            }
        }
        return lists.isEmpty() ? own : combineTags(lists);
    }

    /** Key phrases of one search result. */
    @Override public TaggingResult tagEnrichment(String titleAndSnippet, boolean coding) {
        if (titleAndSnippet == null || titleAndSnippet.isBlank()) return TaggingResult.empty("the search result is empty");
        return tagParts(List.of(Markdown.plainText(titleAndSnippet)), coding ? CODING_TAGS : RESULT_TAGS, "search result");
    }

    /** The lists merged in turn, each list's first tag before any list's second, at most 20. */
    @Override public TaggingResult combineTags(List<List<String>> lists) {
        List<String> merged = new ArrayList<>();
        for (int i = 0; merged.size() < 4 * TagCleaner.MAX_TAGS; i++) {
            boolean any = false;
            for (List<String> l : lists) if (i < l.size()) { merged.add(l.get(i)); any = true; }
            if (!any) break;
        }
        List<String> tags = TagCleaner.clean(merged, TagCleaner.MAX_TAGS);
        return tags.isEmpty() ? TaggingResult.empty("no tags to combine") : TaggingResult.of(tags, List.of());
    }

    /** Key phrases of the skill document's text, as for a web page. */
    @Override public TaggingResult tagSkill(String markdown) {
        String text = Markdown.plainText(markdown == null ? "" : markdown);
        if (text.isBlank()) return TaggingResult.empty("the skill document has no text");
        return tagParts(List.of(text), WEBPAGE_TAGS, "skill document");
    }

    /** Written without a model ({@link SkillWriter}). */
    @Override public SkillBundle writeSkillBundle(String seed, List<SkillSection> sections) {
        return SkillRules.tidy(SkillWriter.write(seed, sections), sections);
    }

    /** Written from the request's own words ({@link SectionMaps}). */
    @Override public List<SkillSection> sectionMap(String seed) { return SectionMaps.fromRequest(seed); }

    /** The checks a judge can make without running code ({@link SkillJudge}). */
    @Override public Map<String, Map<String, Boolean>> judgeTests(String skill, List<SkillSection> sections,
                                                                 Map<String, List<org.cgp.protocol.synapse.SectionTest>> tests) {
        return SkillJudge.judge(skill, tests);
    }

    @Override public String toString() {
        return "OfflineTagger[" + model() + "]";
    }
}
