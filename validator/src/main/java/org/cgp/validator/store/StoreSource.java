package org.cgp.validator.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import org.cgp.validator.bundle.BundleFormatException;
import org.cgp.validator.bundle.BundleParser;
import org.cgp.validator.bundle.TaskBundle;
import org.cgp.validator.conversation.ConversationSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bundles from a store instead of the CGP API ({@code --conversations-from-store}): what
 * {@code ./cgp store import} put there, the least tagged first ({@link ResultStore#nextImportedBundle}),
 * read as the API's bundles are read ({@link BundleParser}). Several validators sharing a store
 * share its bundles the way they share the API's.
 */
public final class StoreSource implements ConversationSource {
    private static final Logger log = LoggerFactory.getLogger(StoreSource.class);

    private final ResultStore store;

    public StoreSource(ResultStore store) {
        this.store = store;
    }

    @Override public Optional<TaskBundle> reserve() {
        Optional<JsonNode> json;
        try {
            json = store.nextImportedBundle();
        } catch (StoreException e) {
            log.warn("No bundle from {}: {}", store.describe(), e.getMessage());
            return Optional.empty();
        }
        if (json.isEmpty()) {
            log.warn("No imported bundles in {}: add some with ./cgp store import FILE", store.describe());
            return Optional.empty();
        }
        try {
            return Optional.of(BundleParser.parse(json.get()));
        } catch (BundleFormatException e) {
            log.warn("Skipping a bundle of {}: {}", store.describe(), e.getMessage());
            return Optional.empty();
        }
    }

    @Override public String describe() { return "imported bundles in " + store.describe(); }
}
