package org.cgp.llm.remote;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cgp.llm.TagCleaner;
import org.cgp.llm.TaggingResult;
import org.cgp.protocol.synapse.ParticipantProfile;

/**
 * Reads an LLM answer defensively: JSON inside code fences or prose, lenient JSON (single
 * quotes, comments, trailing commas), a string where a list was asked for ("a, b, c"), lists of
 * objects, other key spellings ("keywords", "personalityTraits"), or no JSON at all (a comma or
 * line separated list, as the original prompts asked for). Every tag and profile item goes
 * through {@link TagCleaner}. Never throws: an unusable answer is an empty result with a reason.
 */
public final class AnswerParser {
    private static final ObjectMapper LENIENT = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES, JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES,
                    JsonReadFeature.ALLOW_TRAILING_COMMA, JsonReadFeature.ALLOW_JAVA_COMMENTS,
                    JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS, JsonReadFeature.ALLOW_YAML_COMMENTS)
            .enable(JsonParser.Feature.ALLOW_COMMENTS)
            .build();
    private static final Pattern FENCE = Pattern.compile("```[a-zA-Z0-9_-]*\\s*(.*?)```", Pattern.DOTALL);
    private static final Pattern THINK = Pattern.compile("<think>.*?</think>", Pattern.DOTALL | Pattern.CASE_INSENSITIVE);
    private static final Pattern FENCE_MARK = Pattern.compile("```[a-zA-Z0-9_-]*");
    private static final Pattern LABEL = Pattern.compile("(?im)^\\s*(?:tags|keywords|topics)\\s*:\\s*");
    private static final Pattern LIST_MARKER = Pattern.compile("^\\s*(?:[-*•]+|\\d+[.)])\\s*");
    private static final List<String> TAG_KEYS = List.of("tags", "keywords", "topics", "labels", "tag_list");
    private static final List<String> PARTICIPANT_KEYS = List.of("participants", "participant_profiles", "profiles", "people", "speakers");
    private static final List<String> INTEREST_KEYS = List.of("interests", "interest", "topics_of_interest");
    private static final List<String> HOBBY_KEYS = List.of("hobbies", "hobby", "activities");
    private static final List<String> TRAIT_KEYS = List.of("personality_traits", "personalitytraits", "traits", "personality");
    private static final List<String> NAME_KEYS = List.of("name", "participant", "speaker", "id");
    /** Most items kept per profile list. */
    static final int MAX_PROFILE_ITEMS = 10;

    private AnswerParser() {}

    /** Tags only (a window answer); profiles in the answer are ignored. */
    public static TaggingResult parseWindow(String answer) {
        TaggingResult r = parse(answer, List.of());
        return r.tags().isEmpty() ? TaggingResult.empty(r.emptyReason()) : TaggingResult.of(r.tags(), List.of());
    }

    /**
     * Tags and profiles. {@code participants} are the expected names: profiles are matched to them
     * case-insensitively and by position ("p0", "speaker 1"); unknown names are kept as given.
     */
    public static TaggingResult parse(String answer, List<String> participants) {
        if (answer == null || answer.isBlank()) return TaggingResult.empty("the model gave an empty answer");
        String text = THINK.matcher(answer).replaceAll("").strip();
        JsonNode json = findJson(text);
        List<String> tags;
        List<ParticipantProfile> profiles = List.of();
        if (json == null) {
            String bare = FENCE_MARK.matcher(text).replaceAll("\n");
            tags = TagCleaner.clean(splitList(LABEL.matcher(bare).replaceAll("")));
        } else if (json.isArray()) {
            tags = TagCleaner.clean(strings(json));
        } else {
            tags = TagCleaner.clean(strings(field(json, TAG_KEYS)));
            profiles = profiles(field(json, PARTICIPANT_KEYS), participants);
        }
        if (tags.isEmpty()) return new TaggingResult(List.of(), profiles, "the model's answer had no usable tags");
        return TaggingResult.of(tags, profiles);
    }

    /** An integer field of a JSON answer within [min, max], or null when there is none. */
    /** The five scores of a quality assessment ({@code {"relevance": 7, ...}}, each 0-10); null when any is missing or out of range. */
    public static org.cgp.llm.QualityAssessment qualityAssessment(String answer) {
        double[] s = new double[org.cgp.llm.QualityAssessment.DIMENSIONS.size()];
        for (int i = 0; i < s.length; i++) {
            Integer v = integerField(answer, org.cgp.llm.QualityAssessment.DIMENSIONS.get(i), 0, 10);
            if (v == null) return null;
            s[i] = v;
        }
        return new org.cgp.llm.QualityAssessment(s[0], s[1], s[2], s[3], s[4], org.cgp.llm.QualityAssessment.LLM);
    }

    public static Integer integerField(String answer, String field, int min, int max) {
        if (answer == null || answer.isBlank()) return null;
        JsonNode json = findJson(THINK.matcher(answer).replaceAll("").strip());
        if (json == null || !json.isObject()) return null;
        JsonNode v = json.get(field);
        if (v == null || !(v.isNumber() || v.isTextual())) return null;
        try {
            int n = (int) Math.round(Double.parseDouble(v.asText().strip()));
            return n < min || n > max ? null : n;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * A {@code {"good": [...], "malformed": [...]}} answer in the live validators' text form,
     * {@code "Good English keywords: a, b\nMalformed keywords: c"}; "" when it cannot be read.
     */
    public static String tagClasses(String answer) {
        if (answer == null || answer.isBlank()) return "";
        JsonNode json = findJson(THINK.matcher(answer).replaceAll("").strip());
        if (json == null || !json.isObject()) return "";
        return "Good English keywords: " + String.join(", ", strings(json.get("good")))
                + "\nMalformed keywords: " + String.join(", ", strings(json.get("malformed")));
    }

    /** The JSON value in the answer: the whole text, a fenced block, or the outermost {...} / [...]. */
    static JsonNode findJson(String text) {
        List<String> tries = new ArrayList<>();
        tries.add(text);
        Matcher fence = FENCE.matcher(text);
        while (fence.find()) tries.add(fence.group(1));
        int objStart = text.indexOf('{');
        int objEnd = text.lastIndexOf('}');
        if (objStart >= 0 && objEnd > objStart) tries.add(text.substring(objStart, objEnd + 1));
        int arrStart = text.indexOf('[');
        int arrEnd = text.lastIndexOf(']');
        if (arrStart >= 0 && arrEnd > arrStart) tries.add(text.substring(arrStart, arrEnd + 1));
        for (String t : tries) {
            String s = t.strip();
            if (!(s.startsWith("{") || s.startsWith("["))) continue;
            try {
                JsonNode node = LENIENT.readTree(s);
                if (node != null && (node.isObject() || node.isArray())) return node;
            } catch (Exception ignored) {
                // try the next candidate
            }
        }
        return null;
    }

    /** A field by any of its spellings, case-insensitively; null when absent. */
    private static JsonNode field(JsonNode obj, List<String> keys) {
        if (obj == null || !obj.isObject()) return null;
        for (Iterator<Map.Entry<String, JsonNode>> it = obj.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String k = e.getKey().toLowerCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
            if (keys.contains(k)) return e.getValue();
        }
        return null;
    }

    /** Strings of a value: a list (of strings, numbers or objects with a name), or one comma list. */
    static List<String> strings(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node == null || node.isNull()) return out;
        if (node.isTextual()) return splitList(node.asText());
        if (node.isNumber() || node.isBoolean()) return out;
        if (node.isArray()) {
            for (JsonNode item : node) {
                if (item.isTextual()) out.add(item.asText());
                else if (item.isObject()) {
                    JsonNode named = field(item, List.of("tag", "name", "keyword", "topic", "label", "value", "text"));
                    if (named != null && named.isTextual()) out.add(named.asText());
                } else if (item.isArray()) out.addAll(strings(item));
            }
            return out;
        }
        if (node.isObject()) { // {"hurricane": 0.9, ...}: the keys are the tags
            node.fieldNames().forEachRemaining(out::add);
        }
        return out;
    }

    /** A comma, semicolon or line separated list, list markers ("- ", "1. ") removed. */
    static List<String> splitList(String text) {
        List<String> out = new ArrayList<>();
        for (String part : text.split("[,;\\n]")) {
            String p = LIST_MARKER.matcher(part).replaceFirst("").strip();
            if (!p.isEmpty()) out.add(p);
        }
        return out;
    }

    private static List<ParticipantProfile> profiles(JsonNode node, List<String> expected) {
        List<ParticipantProfile> out = new ArrayList<>();
        if (node == null) return out;
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                addProfile(out, e.getKey(), e.getValue(), expected);
            }
        } else if (node.isArray()) {
            int i = 0;
            for (JsonNode item : node) {
                JsonNode name = field(item, NAME_KEYS);
                String n = name != null && name.isValueNode() ? name.asText() : (i < expected.size() ? expected.get(i) : "speaker " + i);
                addProfile(out, n, item, expected);
                i++;
            }
        }
        return out;
    }

    private static void addProfile(List<ParticipantProfile> out, String rawName, JsonNode body, List<String> expected) {
        if (body == null || !body.isObject()) return;
        String name = matchName(rawName, expected);
        if (out.stream().anyMatch(p -> p.participant().equals(name))) return;
        out.add(new ParticipantProfile(name,
                TagCleaner.clean(strings(field(body, INTEREST_KEYS)), MAX_PROFILE_ITEMS),
                TagCleaner.clean(strings(field(body, HOBBY_KEYS)), MAX_PROFILE_ITEMS),
                TagCleaner.clean(strings(field(body, TRAIT_KEYS)), MAX_PROFILE_ITEMS)));
    }

    /** The expected participant a name in the answer stands for: same name, or "p1"/"speaker 1"/"<p1>". */
    static String matchName(String raw, List<String> expected) {
        String n = raw == null ? "" : raw.strip();
        for (String e : expected) if (e != null && e.strip().equalsIgnoreCase(n)) return e;
        Matcher idx = Pattern.compile("(?i)^<?\\s*(?:p|speaker|participant)\\s*_?(\\d+)\\s*>?$").matcher(n);
        if (idx.matches()) {
            int i = Integer.parseInt(idx.group(1));
            if (i < expected.size()) return expected.get(i);
        }
        return n.isEmpty() ? "unknown" : n;
    }
}
