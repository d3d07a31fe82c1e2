package org.cgp.validator.bundle;

import java.util.List;

/** One search query of a bundle's enrichment and the results it found. */
public record SearchQuery(String query, List<Result> results) {
    public SearchQuery {
        results = List.copyOf(results);
    }

    /** One search result: a title and a snippet, either possibly empty. */
    public record Result(String title, String snippet) {
        public Result {
            title = title == null ? "" : title;
            snippet = snippet == null ? "" : snippet;
        }

        /** {@code "title\nsnippet"}, as the live validators hand a result to the LLM and to miners. */
        public String text() { return title + "\n" + snippet; }
    }
}
