package org.cgp.miner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;

/**
 * Answers chat completions the way a model asked our prompts would: the words of the text inside
 * the prompt's data block, in a messy form (capitals, hyphens) that our cleaning must fix; named
 * entities for entity prompts; the union of the lists for combine prompts; for the skill-coverage
 * prompt a skill bundle in JSON, as a model would write it from the section map. Counts each prompt kind.
 */
final class FakeOpenAi extends Dispatcher {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern BLOCK = Pattern.compile("<(conversation|page|result|lists|comment|transcript|skill|request|sections)>(.*?)</\\1>",
            Pattern.DOTALL);
    private static final Pattern SECTION = Pattern.compile("(?m)^- \\[([^\\]]+)\\] ([^:]*): (.*)$");
    private static final Pattern WORD = Pattern.compile("[A-Za-z][A-Za-z']{4,}");
    private static final Pattern NAME = Pattern.compile("\\b[A-Z][a-z]+(?: [A-Z][a-z]+)+");
    private final Map<String, Integer> kinds;

    FakeOpenAi(Map<String, Integer> kinds) { this.kinds = kinds; }

    @Override public MockResponse dispatch(RecordedRequest request) {
        try {
            JsonNode body = JSON.readTree(request.getBody().readUtf8());
            JsonNode messages = body.path("messages");
            String prompt = messages.get(messages.size() - 1).path("content").asText();
            Matcher m = BLOCK.matcher(prompt);
            String block = "";
            String kind = "";
            while (m.find()) { kind = m.group(1); block = m.group(2); }
            boolean entities = prompt.contains("named entities");
            boolean coding = prompt.contains("technical");
            String name = switch (kind) {
                case "conversation" -> coding ? "coding window" : "window";
                case "page" -> "page";
                case "result" -> entities ? "entity snippet" : "result";
                case "lists" -> entities ? "combine entities" : "combine";
                case "comment" -> "survey";
                case "transcript" -> "entities";
                case "skill" -> "skill";
                case "sections" -> "skill bundle";
                default -> "other";
            };
            kinds.merge(name, 1, Integer::sum);
            if (name.equals("skill bundle")) return completion(skillBundle(block));
            List<String> tags = kind.equals("lists") ? union(block) : entities ? names(block) : words(block);
            ObjectNode answer = JSON.createObjectNode();
            answer.putArray("tags").addAll(tags.stream().map(JSON.getNodeFactory()::textNode).toList());
            return completion(JSON.writeValueAsString(answer));
        } catch (Exception e) {
            return new MockResponse().setResponseCode(500);
        }
    }

    private static MockResponse completion(String content) throws Exception {
        String completion = """
                {"id": "chatcmpl-1", "object": "chat.completion", "created": 1700000000, "model": "gpt-4o-mini",
                 "choices": [{"index": 0, "message": {"role": "assistant", "content": %s}, "finish_reason": "stop"}],
                 "usage": {"prompt_tokens": 10, "completion_tokens": 10, "total_tokens": 20}}"""
                .formatted(JSON.writeValueAsString(content));
        return new MockResponse().setHeader("Content-Type", "application/json").setBody(completion);
    }

    /**
     * A model's skill bundle for the section map in the prompt: one checker function per
     * section, named in the skill with its result and error, two tests each that use only those names.
     */
    private static String skillBundle(String sections) throws Exception {
        ObjectNode out = JSON.createObjectNode();
        StringBuilder skill = new StringBuilder("# Skill\n\nEvery section has its own checker; invalid input raises `SectionError`.\n");
        ObjectNode tests = out.putObject("section_tests");
        Matcher m = SECTION.matcher(sections);
        while (m.find()) {
            String id = m.group(1), title = m.group(2), description = m.group(3);
            String fn = "check_" + id.replaceAll("[^A-Za-z0-9]+", "_");
            String ok = id.replaceAll("[^A-Za-z0-9]+", "_").toUpperCase() + "_OK";
            skill.append("\n## ").append(title).append("\n").append(description).append("\n`").append(fn)
                    .append("(text)` returns `\"").append(ok).append("\"` and raises `SectionError` for empty text.\n");
            var list = tests.putArray(id);
            list.addObject().put("name", "model_" + id + "_typical").put("description", title + ": " + description)
                    .put("assertion", fn + "(\"" + title.toLowerCase() + "\") == \"" + ok + "\"");
            list.addObject().put("name", "model_" + id + "_empty").put("description", title + " refuses empty text")
                    .put("assertion", fn + "(\"\") raises SectionError");
        }
        out.put("skill", skill.toString());
        out.put("tdd_plan", "Run every checker on a typical and an empty text.");
        return "```json\n" + JSON.writeValueAsString(out) + "\n```";
    }

    private static List<String> words(String text) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        Matcher m = WORD.matcher(text);
        while (m.find()) counts.merge(m.group().toLowerCase(), 1, Integer::sum);
        List<String> out = new ArrayList<>();
        counts.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(8)
                .forEach(e -> out.add(out.isEmpty() ? "  " + e.getKey().toUpperCase() + "-Topic!" : e.getKey()));
        return out;
    }

    private static List<String> names(String text) {
        Set<String> out = new LinkedHashSet<>();
        Matcher m = NAME.matcher(text);
        while (m.find() && out.size() < 10) out.add(m.group());
        if (out.isEmpty()) out.addAll(words(text));
        return new ArrayList<>(out);
    }

    private static List<String> union(String lists) {
        Set<String> out = new LinkedHashSet<>();
        for (String line : lists.split("\n")) {
            int colon = line.indexOf(':');
            for (String t : line.substring(colon + 1).split(",")) if (!t.isBlank()) out.add(t.strip());
        }
        return new ArrayList<>(out);
    }
}
