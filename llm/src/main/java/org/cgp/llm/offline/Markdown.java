package org.cgp.llm.offline;

import java.util.regex.Pattern;

/** Markdown to the words a reader sees: links keep their text, images, URLs, code marks and markup go. */
final class Markdown {
    private static final Pattern IMAGE = Pattern.compile("!\\[[^\\]]*]\\([^)]*\\)");
    private static final Pattern LINK = Pattern.compile("\\[([^\\]]*)]\\([^)]*\\)");
    private static final Pattern URL = Pattern.compile("\\b(?:https?|ftp)://\\S+|\\bwww\\.\\S+");
    private static final Pattern HTML = Pattern.compile("<[^>\\n]{1,200}>");
    private static final Pattern MARKS = Pattern.compile("(?m)^\\s{0,3}(?:#{1,6}|>+|[-*+]|\\d+[.)])\\s+|[*_`~|]+|^\\s*[-=]{3,}\\s*$");

    private Markdown() {}

    static String plainText(String markdown) {
        if (markdown == null) return "";
        String s = IMAGE.matcher(markdown).replaceAll(" ");
        s = LINK.matcher(s).replaceAll("$1");
        s = URL.matcher(s).replaceAll(" ");
        s = HTML.matcher(s).replaceAll(" ");
        s = MARKS.matcher(s).replaceAll(" ");
        return s;
    }
}
