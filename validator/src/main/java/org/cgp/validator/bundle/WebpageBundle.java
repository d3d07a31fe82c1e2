package org.cgp.validator.bundle;

import java.util.List;

/** A web page as markdown and the search results about it, query by query. */
public record WebpageBundle(BundleHeader header, String markdown, List<SearchQuery> searchResults) implements TaskBundle {
    public WebpageBundle {
        searchResults = searchResults == null ? List.of() : List.copyOf(searchResults);
    }
}
