package org.cgp.validator.bundle;

import java.util.List;

/** A transcript and the search results that add context to it, query by query. */
public record NamedEntitiesBundle(BundleHeader header, String transcript, List<SearchQuery> searchResults) implements TaskBundle {
    public NamedEntitiesBundle {
        searchResults = searchResults == null ? List.of() : List.copyOf(searchResults);
    }
}
